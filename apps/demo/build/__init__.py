"""One generation of demonstration data, made concept by concept in the order they rest on each
other: organisations, trainers, courses planned, programmes, courses, enrolments, certificates,
sources. Each step draws from one seeded random stream, so the order of the draws is the output:
changing it changes every row after it.
"""
