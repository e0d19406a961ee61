"""Courses, their parts and their trainers' assignments: one module per concept."""

from apps.courses.models.course import (
    DATE_PRECISION_ERROR,
    END_BEFORE_START_ERROR,
    HELD_BEFORE_START_ERROR,
    KNOWN_PRECISIONS,
    START_AFTER_COMPLETION_ERROR,
    UPCOMING_DAYS,
    Course,
    CourseManager,
    CourseQuerySet,
    CourseStatus,
)
from apps.courses.models.parts import CoursePart, CoursePartKind, CoursePartManager
from apps.courses.models.trainers import CourseTrainer, CourseTrainerManager, TrainerRole

__all__ = [
    "DATE_PRECISION_ERROR",
    "END_BEFORE_START_ERROR",
    "HELD_BEFORE_START_ERROR",
    "KNOWN_PRECISIONS",
    "START_AFTER_COMPLETION_ERROR",
    "UPCOMING_DAYS",
    "Course",
    "CourseManager",
    "CoursePart",
    "CoursePartKind",
    "CoursePartManager",
    "CourseQuerySet",
    "CourseStatus",
    "CourseTrainer",
    "CourseTrainerManager",
    "TrainerRole",
]
