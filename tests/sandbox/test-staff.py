#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Assisted mode in kopir-sandbox: staff sign-in, sessions, lock-out, and
one-time codes delivered to the sandbox's SMS inbox."""

import urllib.parse

from sandboxlib import Sandbox, check, check_equal, finish


def problem(resp, status, code):
    s, h, d = resp
    ok = s == status and isinstance(d, dict) and d.get("code") == code
    return check(ok, "problem %d %s (got %s %r)" % (status, code, s, d))


def main():
    sb = Sandbox()
    try:
        problem(sb.post("/staff/v1/sessions", {"staff_id": "S0001", "password": "wrong"}), 401, "invalid_credentials")
        problem(sb.post("/staff/v1/sessions", {"staff_id": "S9999", "password": "sandbox-staff-1"}), 401,
                "invalid_credentials")
        problem(sb.post("/staff/v1/sessions", {"staff_id": "S0001", "password": "SANDBOX-STAFF-1"}), 401,
                "invalid_credentials")
        s, _, d = sb.post("/staff/v1/sessions", {"staff_id": "S0001"})
        check(s == 422 and d["errors"][0]["field"] == "password", "password required")

        s, _, session = sb.post("/staff/v1/sessions", {"staff_id": "S0001", "password": "sandbox-staff-1"})
        check(s == 201 and len(session["token"]) >= 40 and session["staff_id"] == "S0001" and session["branch"],
              "staff signed in")
        auth = {"Authorization": "Bearer " + session["token"]}
        s, _, d = sb.request("GET", "/staff/v1/sessions/current", headers=auth)
        check(s == 200 and "token" not in d and d["name"] == session["name"], "session shown without its token")
        problem(sb.request("GET", "/staff/v1/sessions/current"), 401, "missing_token")
        problem(sb.request("GET", "/staff/v1/sessions/current", headers={"Authorization": "Bearer nope"}), 401,
                "invalid_token")

        problem(sb.request("POST", "/staff/v1/otp", body={"phone": "+77011234567", "purpose": "onboarding"}), 401,
                "missing_token")
        s, _, d = sb.request("POST", "/staff/v1/otp", body={"phone": "87011234567", "purpose": "party"}, headers=auth)
        check(s == 422 and {e["field"] for e in d["errors"]} == {"phone", "purpose"}, "bad phone and purpose")
        s, _, otp = sb.request("POST", "/staff/v1/otp", body={"phone": "+77011234567", "purpose": "onboarding"},
                               headers=auth)
        check(s == 202 and otp["otp_id"].startswith("otp_"), "one-time code sent")
        s, _, inbox = sb.get("/sandbox/v1/inbox?phone=%2B77011234567")
        check(s == 200 and len(inbox["messages"]) == 1, "the code arrived in the inbox")
        code = inbox["messages"][0]["code"]
        check(len(code) == 6 and code.isdigit() and code in inbox["messages"][0]["text"], "a 6-digit code in the text")
        s, _, other = sb.get("/sandbox/v1/inbox?phone=%2B77020000000")
        check_equal(other["messages"], [], "inbox filtered by phone")

        wrong = "%06d" % ((int(code) + 1) % 1000000)
        verify = "/staff/v1/otp/%s/verify" % otp["otp_id"]
        s, _, d = sb.request("POST", verify, body={"code": wrong}, headers=auth)
        check(s == 422 and d["errors"][0]["code"] == "otp_mismatch" and d["attempts_left"] == 2, "wrong code")
        s, _, d = sb.request("POST", verify, body={"code": "12345"}, headers=auth)
        check(s == 422 and d["errors"][0]["code"] == "invalid_format", "malformed code")
        s, _, d = sb.request("POST", verify, body={"code": code}, headers=auth)
        check(s == 200 and d == {"verified": True, "phone": "+77011234567", "purpose": "onboarding"}, "right code")
        problem(sb.request("POST", verify, body={"code": code}, headers=auth), 404, "not_found")

        s, _, otp = sb.request("POST", "/staff/v1/otp", body={"phone": "+77011234567", "purpose": "withdrawal"},
                               headers=auth)
        verify = "/staff/v1/otp/%s/verify" % otp["otp_id"]
        for _ in range(3):
            sb.request("POST", verify, body={"code": wrong if wrong != code else "000000"}, headers=auth)
        problem(sb.request("POST", verify, body={"code": "000001"}, headers=auth), 410, "otp_expired")

        s, _, otp = sb.request("POST", "/staff/v1/otp", body={"phone": "+77011234567", "purpose": "customer_session"},
                               headers=auth)
        s, _, inbox = sb.get("/sandbox/v1/inbox?phone=%2B77011234567")
        check(len(inbox["messages"]) == 3, "newest code first in the inbox")
        code = inbox["messages"][0]["code"]
        sb.post("/sandbox/v1/faults", {"kind": "clock_skew", "skew_ms": 6 * 60 * 1000})
        problem(sb.request("POST", "/staff/v1/otp/%s/verify" % otp["otp_id"], body={"code": code}, headers=auth),
                410, "otp_expired")
        sb.request("DELETE", "/sandbox/v1/faults")

        sb.post("/sandbox/v1/faults", {"kind": "clock_skew", "skew_ms": 60 * 60 * 1000})
        problem(sb.request("GET", "/staff/v1/sessions/current", headers=auth), 401, "session_expired")
        sb.request("DELETE", "/sandbox/v1/faults")

        customer_sessions(sb)

        s, _, session = sb.post("/staff/v1/sessions", {"staff_id": "S0002", "password": "sandbox-staff-2"})
        auth = {"Authorization": "Bearer " + session["token"]}
        s, _, _ = sb.request("DELETE", "/staff/v1/sessions/current", headers=auth)
        check_equal(s, 204, "signed out")
        problem(sb.request("GET", "/staff/v1/sessions/current", headers=auth), 401, "invalid_token")

        for _ in range(5):
            sb.post("/staff/v1/sessions", {"staff_id": "S0002", "password": "guess"})
        s, h, d = sb.post("/staff/v1/sessions", {"staff_id": "S0002", "password": "sandbox-staff-2"})
        check(s == 429 and d["code"] == "staff_locked" and int(h["Retry-After"]) > 0,
              "five wrong passwords lock the staff id, even for the right one")
        s, _, _ = sb.post("/staff/v1/sessions", {"staff_id": "S0001", "password": "sandbox-staff-1"})
        check_equal(s, 201, "other staff are not locked")
        check(sb.alive(), "sandbox still running")
    finally:
        sb.close()
    finish()


def customer_sessions(sb):
    """An existing customer served at a branch: IIN, a code to the phone on
    file, a key lent for the session that signs as the customer's, and ends
    with the session."""
    from sandboxlib import Customer
    customer = sb.account(kzt="50000.00")
    iin, phone = customer.data["iin"], customer.data["phone"]
    s, _, session = sb.post("/staff/v1/sessions", {"staff_id": "S0001", "password": "sandbox-staff-1"})
    auth = {"Authorization": "Bearer " + session["token"]}

    problem(sb.request("POST", "/staff/v1/customer-sessions", body={"iin": iin}), 401, "missing_token")
    s, _, d = sb.request("POST", "/staff/v1/customer-sessions", body={"iin": "123"}, headers=auth)
    check(s == 422 and d["errors"][0]["field"] == "iin", "malformed IIN refused")
    problem(sb.request("POST", "/staff/v1/customer-sessions", body={"iin": "900101300017"}, headers=auth),
            404, "customer_not_found")

    s, _, cs = sb.request("POST", "/staff/v1/customer-sessions", body={"iin": iin}, headers=auth)
    check(s == 202 and cs["id"].startswith("cs_") and cs["phone_masked"].endswith(phone[-2:])
          and phone[2:8] not in cs["phone_masked"], "code sent, phone masked")
    code = sb.get("/sandbox/v1/inbox?phone=" + urllib.parse.quote(phone))[2]["messages"][0]["code"]
    wrong = "%06d" % ((int(code) + 1) % 1000000)
    verify = "/staff/v1/customer-sessions/%s/verify" % cs["id"]
    s, _, d = sb.request("POST", verify, body={"code": wrong}, headers=auth)
    check(s == 422 and d["errors"][0]["code"] == "otp_mismatch" and d["attempts_left"] == 2, "wrong code")

    s, _, other = sb.post("/staff/v1/sessions", {"staff_id": "S0002", "password": "sandbox-staff-2"})
    problem(sb.request("POST", verify, body={"code": code},
                       headers={"Authorization": "Bearer " + other["token"]}), 404, "not_found")

    s, _, lent = sb.request("POST", verify, body={"code": code}, headers=auth)
    check(s == 200 and lent["customer_id"] == customer.id and lent["full_name"] == customer.data["full_name"]
          and lent["api_key"] != customer.key, "verified: a key lent for the customer")
    problem(sb.request("POST", verify, body={"code": code}, headers=auth), 409, "already_verified")
    as_staff = Customer(sb, {"customer_id": customer.id, "api_key": lent["api_key"],
                             "api_secret": lent["api_secret"]})
    check_equal(as_staff.balances()["KZT"][0], customer.balances()["KZT"][0], "the lent key signs as the customer")

    # Unlocking the desk: the same session, its customer session goes on.
    unlock = "/staff/v1/sessions/current/password"
    problem(sb.request("POST", unlock, body={"password": "sandbox-staff-2"}, headers=auth), 403,
            "invalid_credentials")
    s, _, _ = sb.request("POST", unlock, body={"password": "sandbox-staff-1"}, headers=auth)
    check_equal(s, 204, "the right password unlocks")
    check_equal(as_staff.balances()["KZT"][0], customer.balances()["KZT"][0], "the lent key works after unlock")

    s, _, _ = sb.request("DELETE", "/staff/v1/customer-sessions/" + cs["id"], headers=auth)
    check_equal(s, 204, "customer session ended")
    s, _, d = as_staff.signed("GET", "/api/v3/account")
    check(s == 401, "the lent key ends with the customer session")

    # A purchase confirmed by a code to the phone on file, by customer id.
    s, _, otp = sb.request("POST", "/staff/v1/otp", body={"customer_id": customer.id, "purpose": "purchase"},
                           headers=auth)
    check(s == 202 and otp["phone_masked"].endswith(phone[-2:]) and phone[2:8] not in otp["phone_masked"],
          "code sent to the phone on file, masked")
    code = sb.get("/sandbox/v1/inbox?phone=" + urllib.parse.quote(phone))[2]["messages"][0]["code"]
    s, _, d = sb.request("POST", "/staff/v1/otp/%s/verify" % otp["otp_id"], body={"code": code}, headers=auth)
    check(s == 200 and d == {"verified": True, "purpose": "purchase"}, "verified without the number")
    s, _, d = sb.request("POST", "/staff/v1/otp", body={"customer_id": "9999999", "purpose": "purchase"},
                         headers=auth)
    check(s == 404 and d["code"] == "customer_not_found", "unknown customer id")
    s, _, d = sb.request("POST", "/staff/v1/otp", body={"customer_id": customer.id, "phone": phone,
                                                        "purpose": "purchase"}, headers=auth)
    check(s == 422, "phone or customer id, not both")

    # Three wrong codes end the attempt; signing out ends a verified one.
    s, _, cs = sb.request("POST", "/staff/v1/customer-sessions", body={"iin": iin}, headers=auth)
    verify = "/staff/v1/customer-sessions/%s/verify" % cs["id"]
    code = sb.get("/sandbox/v1/inbox?phone=" + urllib.parse.quote(phone))[2]["messages"][0]["code"]
    wrong = "%06d" % ((int(code) + 1) % 1000000)
    for _ in range(3):
        sb.request("POST", verify, body={"code": wrong}, headers=auth)
    problem(sb.request("POST", verify, body={"code": code}, headers=auth), 410, "otp_expired")
    problem(sb.request("POST", verify, body={"code": code}, headers=auth), 404, "not_found")

    s, _, cs = sb.request("POST", "/staff/v1/customer-sessions", body={"iin": iin}, headers=auth)
    code = sb.get("/sandbox/v1/inbox?phone=" + urllib.parse.quote(phone))[2]["messages"][0]["code"]
    s, _, lent = sb.request("POST", "/staff/v1/customer-sessions/%s/verify" % cs["id"], body={"code": code},
                            headers=auth)
    check_equal(s, 200, "verified again")
    as_staff = Customer(sb, {"customer_id": customer.id, "api_key": lent["api_key"],
                             "api_secret": lent["api_secret"]})
    sb.request("DELETE", "/staff/v1/sessions/current", headers=auth)
    s, _, d = as_staff.signed("GET", "/api/v3/account")
    check(s == 401, "the lent key ends when staff sign out")


if __name__ == "__main__":
    main()
