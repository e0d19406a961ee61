"""What several of the people tests share."""

import datetime

from apps.people.models import Trainer

PEOPLE = "/api/v1/people/"
TRAINERS = "/api/v1/trainers/"
BORN = datetime.date(1988, 5, 17)  # of the merge tests' kept and duplicate people


def trainer_detail(trainer: Trainer) -> str:
    return f"{TRAINERS}{trainer.pk}/"


PERMISSION_MATRIX = [
    # role, read, create, update, delete
    ("anonymous", 401, 401, 401, 401),
    ("stranger", 403, 403, 403, 403),
    ("viewer", 200, 403, 403, 403),
    ("registrar", 200, 201, 200, 403),
    ("superuser", 200, 201, 200, 204),
]
