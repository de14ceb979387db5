"""Gunicorn, started from inside Careermap so `careermap serve` needs no separate config."""

from gunicorn.app.base import BaseApplication


class Server(BaseApplication):
    def __init__(self, application, options: dict):
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application
