import sys

from corpus.bad_inputs import main

sys.exit(main(sys.argv[1:]))
