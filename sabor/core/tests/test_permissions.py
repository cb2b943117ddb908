import pytest
import rules
from django.core.exceptions import PermissionDenied, ValidationError

from sabor.core.permissions import Refusal, require

signed_in = rules.predicate(lambda user: user == "someone")
is_open = rules.predicate(lambda user, thing: thing["open"])
has_room = rules.predicate(lambda user, thing: thing["room"] > 0)
rules.add_rule("core_test.take", signed_in & is_open & has_room)
REFUSALS = (Refusal(is_open, "Closed.", "closed", field="thing"),
            Refusal(has_room, lambda thing: f"All {thing['size']} places are taken.", "full"))


def test_what_is_allowed_passes():
    require("core_test.take", "someone", {"open": True, "room": 1, "size": 5}, *REFUSALS)


def test_the_first_failing_part_says_why_with_its_code_and_field():
    with pytest.raises(ValidationError) as refused:
        require("core_test.take", "someone", {"open": False, "room": 0, "size": 5}, *REFUSALS)
    assert [(e.code, e.message) for e in refused.value.error_dict["thing"]] == [("closed", "Closed.")]
    with pytest.raises(ValidationError) as refused:
        require("core_test.take", "someone", {"open": True, "room": 0, "size": 5}, *REFUSALS)
    assert (refused.value.code, refused.value.message) == ("full", "All 5 places are taken.")


def test_a_refusal_no_part_explains_is_permission_denied():
    with pytest.raises(PermissionDenied):
        require("core_test.take", "nobody", {"open": True, "room": 1, "size": 5}, *REFUSALS)
