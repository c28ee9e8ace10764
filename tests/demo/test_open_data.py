"""The open data of the demo: the OCDS package of every tender and the 360Giving package of
the subsidies validate against the published schemas, and the demo's day-care tender carries
its contract into both the OCDS release and the back-office contract list."""

import pytest

from tenders.models import Contract
from tests.open_data import fetch_json
from tests.subsidies.test_opendata import validator as giving_validator
from tests.tenders.test_ocds import assert_valid as assert_valid_ocds

pytestmark = pytest.mark.django_db


def test_the_demos_ocds_and_360giving_packages_are_valid(demo, settings, client):
    settings.DEBUG = True
    contract = Contract.objects.select_related("tender").get(tender__reference="TCMZ-2026-005")

    bulk = fetch_json(client, "/open-data/ocds/tenders.json")
    assert_valid_ocds(bulk)
    assert len(bulk["releases"]) == 5
    package = client.get(f"/open-data/ocds/tenders/{contract.tender.reference}.json").json()
    assert_valid_ocds(package)
    [release] = package["releases"]
    assert release["contracts"][0]["value"]["amount"] == float(contract.value)

    giving = fetch_json(client, "/open-data/360giving.json")
    errors = [error.message for error in giving_validator().iter_errors(giving)]
    assert not errors
    assert len(giving["grants"]) >= 3
