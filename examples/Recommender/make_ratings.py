"""Writes ratings.csv: a made-up 16 users x 10 films rating table (1..5 stars, blank = not rated). Run once; the CSV
is committed. Tastes come from two hidden factors (a liking for action/science fiction and for romance/drama) plus a
per-user generosity, with noise, so a rank-2 model should explain most of it."""
import random

random.seed(2024)
films = ["Alien", "Terminator", "Matrix", "Star Wars", "Die Hard", "Titanic", "Notebook", "Amelie", "Casablanca", "Love Actually"]
action = [1.0, 0.9, 0.9, 0.8, 0.8, -0.2, -0.9, -0.5, -0.3, -0.8]   # film loadings on the action factor
romance = [-0.5, -0.6, -0.1, 0.2, -0.4, 0.9, 1.0, 0.7, 0.8, 0.9]   # and on the romance factor
users = ["ann", "ben", "cat", "dan", "eve", "fay", "gus", "hal", "ivy", "jon", "kim", "leo", "mia", "ned", "ola", "pam"]
with open("ratings.csv", "w") as f:
    f.write("user," + ",".join(films) + "\n")
    for u in users:
        a, r, g = random.gauss(0, 1.1), random.gauss(0, 1.1), random.gauss(0, 0.3)
        cells = []
        for j in range(len(films)):
            if random.random() < 0.3:
                cells.append("")
                continue
            v = 3 + g + a * action[j] + r * romance[j] + random.gauss(0, 0.35)
            cells.append(str(min(5, max(1, round(v)))))
        f.write(u + "," + ",".join(cells) + "\n")
