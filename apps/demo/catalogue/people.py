"""What demonstration people are besides their names: ranks, units, trainers' expertise."""

EXPERTISE = (
    "Logistics planning",
    "Operational planning",
    "Cyber defence",
    "Military English",
    "Civil-military cooperation",
    "Defence resource management",
    "CBRN defence",
    "Strategic communications",
    "Law of armed conflict",
    "Explosive ordnance disposal",
)
RANKS = (
    "Lieutenant",
    "Senior Lieutenant",
    "Captain",
    "Major",
    "Lieutenant Colonel",
    "Colonel",
    "Sergeant",
    "Staff Sergeant",
    "Warrant Officer",
    "Lieutenant Commander",
)
TRAINER_NATIONALITIES = ("US", "GB", "DE", "FR", "IT", "PL", "TR", "NL", "CA", "RO", "NO", "ES")
# The units participants come from.
UNITS = ("Staff of the General Staff", "Logistics Command", "1st Army Corps",
         "Military Academy", "Air Force Staff", "Naval Forces Staff", "Peacekeeping Battalion",
         "Engineer Brigade", "Signals Brigade", "Military Police Battalion")  # fmt: skip
