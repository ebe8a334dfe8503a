

def version() -> str:
    """This build's version (the installed package's, or the source tree's)."""
    from importlib import metadata  # only when asked: it costs start-up time

    try:
        return metadata.version("journeymap")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "0.1.0"
