from resodraft.launch import main

main()
