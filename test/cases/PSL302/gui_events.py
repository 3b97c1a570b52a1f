"""tkinter/Qt-style widgets: callbacks registered on widgets the window owns."""
import threading
import tkinter as tk
from tkinter import ttk


class SearchPanel(tk.Frame):
    def __init__(self, master: tk.Misc) -> None:
        super().__init__(master)
        self.entry = ttk.Entry(master)
        self.entry.bind("<Return>", self.on_search)  # expect: PSL302 "bound method of `self`"
        self.button = ttk.Button(master, text="Suchen", command=self.on_search)  # expect: PSL302
        self.clear = ttk.Button(master, text="Leeren", command=lambda: self.entry.delete(0, tk.END))  # expect: PSL302 "captures `self`"
        self.quit = ttk.Button(master, text="Quit", command=master.quit)
        self.after(500, self.poll)
        self.results: list[str] = []

    def on_search(self, event=None) -> None:
        self.results.append(self.entry.get())

    def poll(self) -> None:
        self.after(500, self.poll)


class Toolbar:
    def __init__(self, signals) -> None:
        self.save_action = signals.action("save")
        self.save_action.triggered.connect(self.save)  # expect: PSL302
        self.status = signals.label("status")
        self.status.clicked.connect(lambda: print("status clicked"))

    def save(self) -> None:
        print("saved")


class Clock:
    def __init__(self, timer_factory) -> None:
        self.timer = timer_factory()
        self.timer.connect(lambda: self.tick())  # expect: PSL302 "captures `self`"
        self.ticks = 0

    def tick(self) -> None:
        self.ticks += 1


class Downloader:
    def __init__(self, url: str) -> None:
        self.url = url
        self._thread = threading.Thread(target=self._run, daemon=True)  # expect: PSL302
        self.data = b""

    def _run(self) -> None:
        self.data = self.url.encode()


def make_dialog(root: tk.Tk, on_ok) -> ttk.Button:
    # A local button and a callback that is not a method of anything held here.
    button = ttk.Button(root, text="OK", command=on_ok)
    button.pack()
    return button


class Wizard:
    def __init__(self, root: tk.Tk) -> None:
        self.root = root

    def preview(self) -> None:
        # A throwaway listener list: it dies with the call.
        listeners = []
        listeners.append(self.next_page)
        for listener in listeners:
            listener(None)

    def next_page(self, event) -> None:
        pass
