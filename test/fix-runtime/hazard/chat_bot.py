"""Chat bot command dispatch: messages that start with the bot's prefix are parsed into
commands and dispatched in order. The `!prefix` command changes the prefix for the messages that
come after it; the bot parses the whole backlog with the prefix it had when the batch arrived,
and a lazy parser would pick up the new prefix half-way through the batch.

Usage: python3 chat_bot.py [N]
"""
import sys

USERS = ["ana", "ben", "chi", "dov", "eve"]


def backlog(n):
    lines = []
    for i in range(n):
        user = USERS[i % len(USERS)]
        if i % 97 == 50:
            lines.append((user, "!prefix ?" if (i // 97) % 2 == 0 else "?prefix !"))
        elif i % 3 == 0:
            lines.append((user, f"!roll {i % 20 + 1}"))
        elif i % 3 == 1:
            lines.append((user, f"?echo hello {i}"))
        else:
            lines.append((user, f"just chatting {i}"))
    return lines


class Bot:
    def __init__(self):
        self.prefix = "!"
        self.counts = {}

    def parse(self, messages):
        commands = []
        for user, text in messages:
            if not text.startswith(self.prefix):
                continue
            name, _, arg = text[len(self.prefix):].partition(" ")
            commands.append((user, name, arg))
        return commands

    def set_prefix(self, prefix):
        self.prefix = prefix

    def dispatch(self, messages):
        for user, name, arg in self.parse(messages):
            self.counts[name] = self.counts.get(name, 0) + 1
            if name == "prefix":
                self.set_prefix(arg)
            elif name == "roll":
                self.counts[user] = self.counts.get(user, 0) + int(arg)


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    bot = Bot()
    messages = backlog(n)
    print("messages", len(messages))
    bot.dispatch(messages)
    for key in sorted(bot.counts):
        print(f"{key:8s} {bot.counts[key]}")
    print("final prefix", bot.prefix)


if __name__ == "__main__":
    main(sys.argv)
