"""Open data as the registers have it: OCDS 1.1.5 and 360Giving packages that validate against
the published schemas and every closed codelist they name; organisations identified by
org-id.guide's code for the unified social credit code (CN-USCI), the bureau too once its code
is in the site settings; Chinese text that is Chinese throughout."""

import json
import re
from pathlib import Path

from django.conf import settings as django_settings

import pytest

from incubator.kernel.validators import uscc_check_character
from tests.factories import awarded, letterhead_settings, tender_index
from tests.open_data import fetch_json
from tests.subsidies.test_opendata import approved_world
from tests.subsidies.test_opendata import validator as giving_validator
from tests.tenders.test_ocds import assert_valid as assert_valid_ocds

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent / "data"
OCDS_SCHEMA = json.loads((DATA / "ocds-1.1.5" / "release-schema.json").read_text())
GIVING_SCHEMA = json.loads((DATA / "360giving" / "360-giving-schema.json").read_text())
BUREAU_CODE = "11320585" + "014000001"
BUREAU_CODE += uscc_check_character(BUREAU_CODE)


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = (schema.get("definitions") or schema.get("$defs"))[name]
    return node


def closed_codelist_values(schema: dict, node: dict, value, path="") -> list[tuple]:
    """Every (path, value, codelist, allowed codes or None) in ``value`` that the schema puts
    under a closed codelist."""
    node = _resolve(schema, node)
    found = []
    allowed = node.get("enum") or node.get("items", {}).get("enum")
    # OCDS marks a closed codelist openCodelist: false; 360Giving enumerates its closed ones.
    closed = node.get("openCodelist") is False or (
        "openCodelist" not in node and allowed is not None
    )
    if node.get("codelist") and closed:
        for code in value if isinstance(value, list) else [value]:
            found.append((path, code, node["codelist"], allowed))
    if isinstance(value, dict):
        for key, child in value.items():
            if key in node.get("properties", {}):
                found += closed_codelist_values(
                    schema, node["properties"][key], child, f"{path}/{key}"
                )
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for n, child in enumerate(value):
            found += closed_codelist_values(schema, node["items"], child, f"{path}[{n}]")
    return found


def assert_closed_codelists(schema: dict, document: dict) -> None:
    values = closed_codelist_values(schema, schema, document)
    assert values, "the walk found no codelist at all"
    for path, code, codelist, allowed in values:
        # A closed codelist the schema does not enumerate is one we must not publish until its
        # codes are checked here.
        assert allowed is not None, f"{path}: {codelist} is closed but not enumerated"
        assert code in allowed, f"{path}: {code!r} is not in the closed codelist {codelist}"


def test_every_ocds_release_keeps_to_the_closed_codelists(client):
    index = tender_index_with_awards()
    package = fetch_json(client, "/open-data/ocds/tenders.json")
    assert_valid_ocds(package)
    assert len(package["releases"]) == 2
    for release in package["releases"]:
        assert_closed_codelists(OCDS_SCHEMA, release)
    assert index


def test_the_360giving_grants_keep_to_the_closed_codelists(client):
    letterhead_settings()
    approved_world()
    package = fetch_json(client, "/open-data/360giving.json")
    assert not [error.message for error in giving_validator().iter_errors(package)]
    for grant in package["grants"]:
        assert_closed_codelists(GIVING_SCHEMA, grant)


def tender_index_with_awards():
    from tests.factories import build_public_site

    site = build_public_site(guidance_count=0)
    index = tender_index(site.home_zh)
    awarded(index)
    awarded(index, final=False)
    return index


def test_organisations_are_identified_by_cn_usci(client):
    tender_index_with_awards()
    package = fetch_json(client, "/open-data/ocds/tenders.json")
    for release in package["releases"]:
        coded = [party for party in release["parties"] if "identifier" in party]
        assert len(coded) == 2  # the winner and the other bidder
        for party in coded:
            assert party["identifier"]["scheme"] == "CN-USCI"
            assert party["id"] == f"CN-USCI-{party['identifier']['id']}"
    assert "CN-USCC" not in json.dumps(package)


def test_the_bureau_is_buyer_publisher_and_funder_by_its_own_credit_code(client):
    settings = letterhead_settings()
    settings.credit_code = BUREAU_CODE.lower()
    settings.full_clean()
    settings.save()
    assert settings.credit_code == BUREAU_CODE
    tender_index_with_awards()
    approved_world()
    ocds = fetch_json(client, "/open-data/ocds/tenders.json")
    assert_valid_ocds(ocds)
    assert ocds["publisher"] == {"name": "太仓市民政局", "scheme": "CN-USCI", "uid": BUREAU_CODE}
    release = ocds["releases"][0]
    assert release["buyer"] == {"id": f"CN-USCI-{BUREAU_CODE}", "name": "太仓市民政局"}
    bureau = release["parties"][0]
    assert bureau["identifier"] == {
        "scheme": "CN-USCI",
        "id": BUREAU_CODE,
        "legalName": "太仓市民政局",
    }
    giving = fetch_json(client, "/open-data/360giving.json")
    assert not [error.message for error in giving_validator().iter_errors(giving)]
    assert giving["publisher"]["identifier"] == f"CN-USCI-{BUREAU_CODE}"
    assert giving["grants"][0]["fundingOrganization"][0]["id"] == f"CN-USCI-{BUREAU_CODE}"


def test_without_its_code_the_bureau_falls_back_to_our_prefixes(client, settings):
    settings.OCDS_PREFIX = "ocds-213czf"
    settings.OPEN_DATA_360G_PREFIX = "taicangmzj"
    letterhead_settings()
    tender_index_with_awards()
    approved_world()
    release = fetch_json(client, "/open-data/ocds/tenders.json")["releases"][0]
    assert release["buyer"]["id"] == "ocds-213czf-org-bureau"
    giving = fetch_json(client, "/open-data/360giving.json")
    assert giving["grants"][0]["fundingOrganization"][0]["id"] == "360G-taicangmzj"


def test_a_wrong_bureau_code_is_refused_with_a_clear_message():
    from django.core.exceptions import ValidationError

    settings = letterhead_settings()
    settings.credit_code = BUREAU_CODE[:17] + ("0" if BUREAU_CODE[17] != "0" else "1")
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "credit_code" in error.value.message_dict


def test_the_default_ocid_prefix_has_the_registered_form():
    assert re.fullmatch(r"ocds-[a-z0-9]{6}", django_settings.OCDS_PREFIX)


def test_the_chinese_ocds_text_has_no_english_in_it(client):
    tender_index_with_awards()
    release = fetch_json(client, "/open-data/ocds/tenders.json")["releases"][0]
    tender = release["tender"]
    for field in (
        "awardCriteriaDetails",
        "eligibilityCriteria",
        "procurementMethodDetails",
    ):
        assert not re.search(r"[A-Za-z]{2,}", tender[field]), (field, tender[field])
    assert "价格" in tender["awardCriteriaDetails"]


def test_the_open_data_page_notes_the_change_of_identifiers_in_its_change_log(client):
    from tests.factories import build_public_site

    build_public_site(guidance_count=0)
    page = client.get("/zh-hans/open-data/").content.decode()
    assert 'id="change-log"' in page and "CN-USCI" in page and "CN-USCC" in page
    assert "/open-data/ocds/tenders.json" in page and "/open-data/360giving.json" in page
    english = client.get("/en/open-data/").content.decode()
    assert "Change log" in english and "2026" in english
