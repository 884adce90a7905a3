"""Run by test_crash.py: applies edits through the desk as fast as it can, printing each one only
after it was committed ("acknowledged"), until it is SIGKILLed."""

from __future__ import annotations

import random
import sys

from desktop_app.app import open_desk
from desktop_app.core.errors import CopydeskError
from desktop_app.core.model import Block, SourceText

TEXT = "Crème 🙂 brûlée\n\n" + " ".join(f"Word{n} said the mayor on Friday." for n in range(400))


def main(db: str, seed: int) -> None:
    rng = random.Random(seed)
    desk = open_desk(db, "Crash Tester")
    docs = desk.documents()
    if docs:
        doc_id = docs[0].id
    else:
        source = SourceText(
            TEXT, "Crash", (Block("paragraph", 0, 15), Block("paragraph", 17, len(TEXT))), "txt"
        )
        doc_id = desk.add_source(source, "/crash.txt").document.id
    state = desk.state(doc_id)
    print("READY", flush=True)
    n = 0
    while True:
        n += 1
        live = list(state.annotations)
        roll = rng.random()
        try:
            if live and roll < 0.2:
                victim = rng.choice(live)
                print(f"TRY-DEL {victim}", flush=True)
                desk.remove_annotations([victim])
                print(f"DEL {victim}", flush=True)
            elif live and roll < 0.5:
                target = rng.choice(live)
                note = f"note {seed}-{n}"
                print(f"TRY-NOTE {target} {note}", flush=True)
                desk.set_note(target, note)
                print(f"NOTE {target} {note}", flush=True)
            else:
                start = rng.randrange(17, len(TEXT) - 20)
                a = desk.annotate(
                    doc_id, rng.choice(["quote", "claim"]), start, start + rng.randrange(3, 20)
                )
                print(f"ADD {a.id}", flush=True)
        except CopydeskError:
            continue  # a duplicate span: refused, nothing written


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
