"""Date and number formats that differ from Django's for a language (settings.FORMAT_MODULE_PATH): English's dates as
the UN writes them, and the numbers of Arabic, Chinese, French and Spanish as the browser writes them (CLDR, which
the charts and the map use through Intl.NumberFormat), so that a table and its chart agree. Russian's are Django's."""
