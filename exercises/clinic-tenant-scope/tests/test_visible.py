from clinic_tenancy import clinic_scope, current_clinic


def test_scope_sets_the_clinic():
    """Inside clinic_scope, current_clinic() is that clinic."""
    with clinic_scope("north"):
        assert current_clinic() == "north"
