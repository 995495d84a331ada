"""Reading sign-in sheets and survey exports: cells, headers, columns and values. Plain Python, no Django."""
