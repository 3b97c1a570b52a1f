"""Chat bot command import that reports progress through a logger named after its purpose and
through a module-level alias of print. The caller prints as it runs the commands; lazily the
progress lines would interleave with its output.

Usage: python3 named_logger.py [N]
"""
import logging
import sys

logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(name)s: %(message)s")
audit = logging.getLogger("audit")
echo = print


def chat_lines(n):
    for i in range(n):
        yield f"/{'remind' if i % 3 else 'ban'} user{i % 17} {i * 7 % 60}m"


def parse_commands(lines):
    commands = []
    for line in lines:
        name, target, arg = line[1:].split()
        if name == "ban":
            audit.info("ban requested for %s", target)
        commands.append((name, target, arg))
    return commands


def expand(commands):
    expanded = []
    for name, target, arg in commands:
        if arg == "0m":
            echo(f"note: {name} for {target} runs now")
        expanded.append((name.upper(), target, int(arg[:-1])))
    return expanded


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    minutes = 0
    for name, target, delay in expand(parse_commands(chat_lines(n))):
        minutes += delay
        if delay == 0:
            print(f"run {name} {target}")
    print(f"total delay {minutes}m")


if __name__ == "__main__":
    main(sys.argv)
