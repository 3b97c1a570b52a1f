import sqlite3
import sys

from etl.pipeline import run

if __name__ == "__main__":
    run(sqlite3.connect(sys.argv[1]), sys.stdout)
