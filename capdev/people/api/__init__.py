"""The people app's API: /api/people-reached/, /api/networks/, /api/people/, /api/attendance/."""
