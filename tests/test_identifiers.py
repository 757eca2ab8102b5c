"""Checksum validators: generated valid numbers pass, any single-character change fails."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from dossier import identifiers as ids

USCC_BODY = st.tuples(
    st.sampled_from(sorted(ids.KNOWN_USCC_PREFIXES)),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet=ids.USCC_CHARSET, min_size=9, max_size=9),
).map("".join)


def valid_uscc(body: str) -> str:
    return body + ids.uscc_check_char(body)


@given(USCC_BODY)
def test_generated_uscc_passes(body: str) -> None:
    assert ids.uscc_error(valid_uscc(body)) is None


@given(USCC_BODY, st.integers(0, 17), st.sampled_from(ids.USCC_CHARSET))
def test_any_single_character_change_breaks_uscc(body: str, pos: int, char: str) -> None:
    code = valid_uscc(body)
    changed = code[:pos] + char + code[pos + 1 :]
    if changed != code:
        assert ids.uscc_error(changed) is not None


def test_known_real_usccs_pass() -> None:
    for code in ("91110000600037341L", "91440300708461136T", "91110102MAD55U9H0F"):
        assert ids.uscc_error(code) is None


def test_uscc_errors_say_what_is_wrong() -> None:
    assert ids.uscc_error("91110000600037341M") == "校验位应为 L，实为 M"
    assert "18 位" in (ids.uscc_error("9111000060003734") or "")
    assert "I" in (ids.uscc_error("91110000600037341I") or "")


def test_unknown_uscc_authority_code_is_only_a_warning() -> None:
    code = valid_uscc("A1110000600037341")
    assert ids.uscc_error(code) is None
    assert ids.uscc_warning(code) is not None


RIC_BODY = st.tuples(
    st.text(alphabet="0123456789", min_size=6, max_size=6).filter(lambda s: s[0] != "0"),
    st.dates(min_value=date(1930, 1, 1), max_value=date(2010, 12, 31)),
    st.text(alphabet="0123456789", min_size=3, max_size=3),
).map(lambda t: f"{t[0]}{t[1]:%Y%m%d}{t[2]}")


@given(RIC_BODY)
def test_generated_resident_id_passes(body: str) -> None:
    assert ids.ric_error(body + ids.ric_check_char(body)) is None


@given(RIC_BODY, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_character_change_breaks_resident_id(body: str, pos: int, char: str) -> None:
    number = body + ids.ric_check_char(body)
    changed = number[:pos] + char + number[pos + 1 :]
    if changed != number:
        assert ids.ric_error(changed) is not None


def test_resident_id_birth_date_must_exist() -> None:
    body = "11010819990230123"  # 30 February
    assert "出生日期" in (ids.ric_error(body + ids.ric_check_char(body)) or "")


def test_resident_id_example_from_the_standard() -> None:
    assert ids.ric_error("360426199101010071") is None


def test_masking_keeps_only_the_ends() -> None:
    assert ids.mask_id("110108199001011234") == "110108********1234"
    assert ids.mask_mobile("13812345678") == "138****5678"


def test_filing_number_shapes() -> None:
    assert ids.ALGORITHM_FILING_RE.match("网信算备110108823483901230031号")
    assert not ids.ALGORITHM_FILING_RE.match("网信算备11010882348390123003号")
    assert ids.GENAI_FILING_RE.match("Beijing-DeepseekChat-202404280016")
    assert ids.GENAI_FILING_RE.match("Beijing-WenXinYiYan-20230821")
    assert not ids.GENAI_FILING_RE.match("Guangdong-Plaud-20251229S0027")
    assert ids.GENAI_REGISTRATION_RE.match("Guangdong-Plaud-20251229S0027")
    assert ids.ICP_FILING_RE.match("京ICP备2023031661号-3A")
    assert ids.ICP_FILING_RE.match("苏ICP备2026036865号-1X")
    assert not ids.ICP_FILING_RE.match("京ICP证030173号")
    assert ids.TELECOM_LICENSE_RE.match("浙B2-20080101")
    assert ids.TELECOM_LICENSE_RE.match("B1.B2-20090001")


def test_dates_in_ids_reject_impossible_days() -> None:
    day = date(2000, 2, 28) + timedelta(days=1)
    body = f"110108{day:%Y%m%d}123"
    assert ids.ric_error(body + ids.ric_check_char(body)) is None
