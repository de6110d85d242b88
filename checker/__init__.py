"""checker: finds what is wrong in a Chinese budget disclosure before it is published."""

__version__ = "0.1.0"
