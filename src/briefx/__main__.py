"""python -m briefx"""

import sys

from briefx.cli import main

sys.exit(main())
