"""Menus and scrollbars are handed to Tk by option: `config(menu=…)` keeps a widget name, not the object."""
import tkinter as tk
from tkinter import ttk


def build_menu(root: tk.Tk, on_quit) -> tk.Menu:
    menubar = tk.Menu(root)
    file_menu = tk.Menu(menubar, tearoff=False)
    file_menu.add_command(label="Quit", command=on_quit)
    menubar.add_cascade(label="File", menu=file_menu)
    root.config(menu=menubar)
    return menubar


def build_log_view(parent: tk.Misc) -> tk.Text:
    frame = ttk.Frame(parent)
    text = tk.Text(frame, wrap="none", height=20)
    font = ("Courier", 10)
    text.configure(font=font, state="disabled")
    frame.pack(fill="both", expand=True)
    text.pack(fill="both", expand=True)
    return text


class LogWindow:
    def __init__(self, root: tk.Tk) -> None:
        self.root = root
        self.text = build_log_view(root)
        self.scroll = ttk.Scrollbar(root, orient="vertical")
        self.text.configure(yscrollcommand=self.scroll.set)
        self.scroll.configure(command=self.text.yview)
        self.menu = build_menu(root, on_quit=root.destroy)
