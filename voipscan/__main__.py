from voipscan.cli import main

main()
