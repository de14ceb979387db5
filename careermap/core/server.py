"""Gunicorn, started from inside Careermap so `careermap serve` needs no separate config."""

import gc

from gunicorn.app.base import BaseApplication


def _post_fork(server, worker) -> None:
    # Everything loaded at start-up (Django, the URL map, templates) lives as long as the
    # worker; freezing it keeps the garbage collector from walking it again and again, which
    # otherwise shows up as slow requests every few hundred requests.
    gc.freeze()


class Server(BaseApplication):
    def __init__(self, application, options: dict):
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("post_fork", _post_fork)

    def load(self):
        return self.application
