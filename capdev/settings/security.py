"""Security settings shared by every environment (login lockout, CSP, ...); production adds HTTPS-only ones."""
