"""Live probing of SIP hosts: targets, SIP messages, transports, the scanner and facts."""
