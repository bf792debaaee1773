"""Sending results somewhere other than a file: syslog collectors."""
