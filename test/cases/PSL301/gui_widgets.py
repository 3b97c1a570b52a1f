"""A small tkinter front end: widgets built with `self` as master keep it."""
import tkinter as tk
from tkinter import ttk


class StatusBar(tk.Frame):
    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master)
        self.label = ttk.Label(self, text="Bereit …")  # expect: PSL301
        self.label.pack(side=tk.LEFT)


class MainWindow:
    def __init__(self, root: tk.Tk) -> None:
        self.root = root
        self.title_text = root.title()
        self.status = StatusBar(root)
        self.status.pack(side=tk.BOTTOM, fill=tk.X)

    def show(self, message: str) -> None:
        self.status.label.configure(text=message)


def build(root: tk.Tk) -> MainWindow:
    window = MainWindow(root)
    window.show("Willkommen")
    return window
