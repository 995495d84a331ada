"""Numbers in Arabic as the browser writes them in the charts and the map (CLDR, with the digits 0-9: UN Arabic
documents use them), so that a table and its chart show the same figure alike: 1,234,567.5."""
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
