"""gongkai: turns a township's content/ into the Markdown tree of its 政务公开 site."""
