"""Numbers in Spanish as the browser writes them in the charts and the map (CLDR): 1.234.567,5."""
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
