"""Writes houses.csv: a made-up but plausible data set of 20 house sales (run once; the CSV is committed).

Prices follow the course's linear model, price = 50,000 * bedrooms + 150 * sqft - 3,000 * age, plus noise. Every house
specification is sold twice, once e dollars above and once e dollars below the model. Noise built that way is orthogonal
to every column of the design (and to the intercept column), so least squares recovers the generating weights exactly
and predicts 375,000 for the course's house (3 bedrooms, 1,800 sqft, 15 years) - while the data still scatter.
"""
import random

random.seed(375000)
specs = [(2, 900, 40), (2, 1100, 12), (3, 1400, 30), (3, 1650, 8), (3, 2000, 22),
         (4, 2100, 35), (4, 2400, 5), (4, 2800, 18), (5, 3000, 45), (5, 3200, 10)]
rows = []
for b, s, a in specs:
    model = 50000 * b + 150 * s - 3000 * a
    e = random.randrange(4000, 15001, 500)
    rows.append((b, s, a, model + e))
    rows.append((b, s, a, model - e))
random.shuffle(rows)
with open("houses.csv", "w") as f:
    f.write("bedrooms,sqft,age,price\n")
    for r in rows:
        f.write(",".join(str(v) for v in r) + "\n")
