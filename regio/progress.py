"""A text progress bar for long management commands (anonymisation, volume, exports)."""

import sys


class ProgressBar:
    def __init__(self, stdout, label: str, total: int, width: int = 30):
        self.stdout, self.label, self.total, self.width = stdout, label, total, width
        self.done = 0
        if total:
            self.draw()

    def advance(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        self.draw()

    def update(self, done: int) -> None:
        self.done = min(self.total, done)
        self.draw()

    def draw(self) -> None:
        filled = int(self.width * self.done / max(self.total, 1))
        end = "\n" if self.done >= self.total else ""
        bar = "#" * filled + "." * (self.width - filled)
        self.stdout.write(f"\r{self.label:<12} [{bar}] {self.done}/{self.total}", ending=end)
        sys.stdout.flush()
