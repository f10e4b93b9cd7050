from __future__ import annotations

import pytest

from seller_desk.core.masking import mask_account, mask_id, mask_name, mask_phone


@pytest.mark.parametrize(("code", "masked"), [
    ("110105194912310021", "110105********0021"),
    ("11010519491231002X", "110105********002X"),
    ("11010519491231002x", "110105********002X"),
    ("110105491231002", "110105*****1002"),
    (" 1101 0519 4912 3100 2X ", "110105********002X"),
    ("3301960123", "330*****23"),
    ("1234", "****"),
    ("", ""),
    (None, ""),
])
def test_mask_id(code, masked):
    assert mask_id(code) == masked


def test_mask_id_never_leaks_birth_date():
    assert "19491231" not in mask_id("11010519491231002X")


@pytest.mark.parametrize(("account", "masked"), [
    ("6222 0212 3456 7890 123", "6222 **** **** ***0 123"),
    ("6222021234567890123", "6222***********0123"),
    ("GB82-WEST-1234-5698-7654-32", "GB82-****-****-****-**54-32"),
    ("12345678", "******78"),
    ("1234", "****"),
    (None, ""),
])
def test_mask_account(account, masked):
    assert mask_account(account) == masked


def test_mask_name_and_phone():
    assert mask_name("张三丰") == "张**"
    assert mask_name("Li Wei") == "L*****"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138 1234 5678") == "+86 1** **** 5678"
