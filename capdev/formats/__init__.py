"""Date and number formats that differ from Django's for a language (settings.FORMAT_MODULE_PATH): the other five
UN languages use Django's own (django/conf/locale/<lang>/formats.py)."""
