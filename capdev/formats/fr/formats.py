"""Numbers in French as the browser writes them in the charts and the map (CLDR: a narrow no-break space between
thousands): 1 234 567,5."""
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
