"""MkDocs hook: `mkdocs build` and `mkdocs serve` regenerate the Markdown tree from content/ first.

A convenience only: `gongkai build` writes the same tree, which any mkdocs.yml builder can build
without this hook.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.checks import warnings

from generator.cli import TODAY_VARIABLE
from generator.config import load_config
from generator.errors import ConfigError, ContentError
from generator.pipeline import build_stage


# Content warnings are logged as INFO: a MkDocs WARNING would abort a --strict build.
log = logging.getLogger("mkdocs.plugins.gongkai")


def _settings(config):
    return load_config(Path(config.config_file_path).parent)


def on_pre_build(config) -> None:
    today_text = os.environ.get(TODAY_VARIABLE)
    today = dt.date.fromisoformat(today_text) if today_text else dt.date.today()
    try:
        site, _ = build_stage(_settings(config), today)
    except ContentError as error:
        raise PluginError(f"gongkai: 共 {len(error.problems)} 个内容问题:\n{error}") from None
    except ConfigError as error:
        raise PluginError(f"gongkai: {error}") from None
    for problem in warnings(site):
        log.info("gongkai: %s", problem)


def on_serve(server, config, builder):
    settings = _settings(config)
    for folder in (settings.content_dir, settings.pages_dir):
        if folder.is_dir():
            server.watch(str(folder))
    return server
