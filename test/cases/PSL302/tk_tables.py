"""A Tk table view and a class-based CLI: callbacks handed over by keyword or by tag."""
import argparse
import tkinter as tk
from multiprocessing.pool import ThreadPool
from tkinter import ttk


class TableView(ttk.Frame):
    def __init__(self, master: tk.Misc, rows: list[dict]) -> None:
        super().__init__(master)
        self.rows = rows
        self.tree = ttk.Treeview(self, columns=("name", "size"))
        self.tree.heading("name", text="Name", command=self.sort_by_name)  # expect: PSL302 "bound method of `self`"
        self.tree.tag_bind("row", "<Double-1>", self.open_row)  # expect: PSL302 "bound method of `self`"
        self.tree.heading("size", text="Size")
        self.pool = ThreadPool(2)

    def refresh_later(self) -> None:
        # `after` runs the callback once and drops it.
        self.after(500, self.refresh)

    def load_async(self, paths: list[str]) -> None:
        # The pool drops the callback once the job is done.
        self.pool.apply_async(len, (paths,), callback=self.loaded)

    def popup(self, event: tk.Event) -> None:
        # A menu made for one click and kept only in a local.
        menu = tk.Menu(self, tearoff=False)
        menu.add_command(label="Open", command=lambda: self.open_row(event))
        menu.tk_popup(event.x_root, event.y_root)

    def sort_by_name(self) -> None:
        self.rows.sort(key=lambda r: r["name"])

    def open_row(self, event: tk.Event | None = None) -> None:
        pass

    def refresh(self) -> None:
        pass

    def loaded(self, count: int) -> None:
        pass


class BackupCli:
    def __init__(self) -> None:
        self.parser = argparse.ArgumentParser(prog="backup")
        # A staticmethod read through `self` is a plain function: it does not hold `self`.
        self.parser.add_argument("--max-size", type=self._parse_size, default="1G")
        self.parser.add_argument("--dry-run", action="store_true")
        self.parser.set_defaults(func=self.run)  # expect: PSL302 "bound method of `self`"

    def main(self, argv: list[str] | None = None) -> int:
        args = self.parser.parse_args(argv)
        return args.func(args)

    def run(self, args: argparse.Namespace) -> int:
        return 0

    @staticmethod
    def _parse_size(text: str) -> int:
        units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
        return int(text[:-1]) * units[text[-1]] if text[-1] in units else int(text)
