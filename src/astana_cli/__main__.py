from astana_cli.cli import main

main()
