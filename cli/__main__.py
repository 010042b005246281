from refmerge.cli.app import main

main()
