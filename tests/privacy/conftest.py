# The training tests' course and run, for the participants' retention.
from tests.training.conftest import course, run  # noqa: F401
