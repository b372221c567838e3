from resodraft.cli import main

main()
