#!/usr/bin/env python
"""Django's manage.py, for those who expect one; `capdev` is the same command."""
from capdev.cli import main

if __name__ == "__main__":
    main()
