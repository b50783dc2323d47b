#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Onboarding in kopir-sandbox: applicants, personal data checks, document
images, the knowledge test, the review desk's rules and one-time
credentials."""

import copy
import datetime
import re

import images
from sandboxlib import Sandbox, Customer, check, check_equal, finish

RIGHT = {"q1": "b", "q2": "b", "q3": "a", "q4": "b", "q5": "b"}


def personal(iin="900515300018", birth="1990-05-15", sex="male", **overrides):
    today = datetime.date.today()
    data = {
        "last_name": "Жұмабаев", "first_name": "Нұрлан", "patronymic": "Серікұлы",
        "latin_name": "ZHUMABAYEV NURLAN",
        "date_of_birth": birth, "sex": sex, "iin": iin, "citizenship": "KZ", "resident": True,
        "address": {"country": "KZ", "region": "Алматы", "city": "Алматы", "street": "Абай даңғылы 10, 5",
                    "postal_code": "050000"},
        "phone": "+77011234567", "email": "nurlan@example.kz",
        "document": {"type": "id_card", "number": "045678912",
                     "issue_date": (today - datetime.timedelta(days=400)).isoformat(),
                     "expiry_date": (today + datetime.timedelta(days=3000)).isoformat(), "issuer": "МВД РК"},
        "pep": False, "source_of_funds": "salary", "occupation": "Инженер", "tax_residency": ["KZ"],
        "risk_warnings_accepted": True, "personal_data_consent": True,
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


class Applicant:
    def __init__(self, sb):
        self.sb = sb
        status, headers, data = sb.post("/onboarding/v1/applicants", {"locale": "kk"})
        assert status == 201, (status, data)
        self.id = data["id"]
        self.token = data["token"]
        self.created = data
        self.location = headers.get("Location")

    def call(self, method, suffix="", body=None, token=None, content_type=None):
        headers = {"Authorization": "Bearer " + (token or self.token)}
        if content_type:
            headers["Content-Type"] = content_type
        return self.sb.request(method, "/onboarding/v1/applicants/" + self.id + suffix, body=body, headers=headers)

    def put_document(self, kind, data, content_type):
        return self.call("PUT", "/documents/" + kind, body=data, content_type=content_type)

    def complete(self, data=None, selfie_shade=99):
        s, _, d = self.call("PUT", body=data or personal())
        assert s == 200, (s, d)
        for kind, shade in (("id_card_front", 1), ("id_card_back", 2)):
            s, _, d = self.put_document(kind, images.png(800, 600, shade), "image/png")
            assert s == 200, (s, d)
        s, _, d = self.put_document("selfie", images.jpeg(640, 640, b"%d" % selfie_shade), "image/jpeg")
        assert s == 200, (s, d)
        s, _, d = self.call("POST", "/appropriateness",
                            {"version": "2026-1", "answers": [{"question": q, "option": o} for q, o in RIGHT.items()]})
        assert s == 200, (s, d)

    def get(self):
        return self.call("GET")


def fields(data):
    return {(e["field"], e["code"]) for e in data.get("errors", [])}


def problem(resp, status, code):
    s, h, d = resp
    ok = s == status and isinstance(d, dict) and d.get("code") == code and d.get("status") == status
    ok = ok and h.get("Content-Type", "").startswith("application/problem+json") and d.get("type", "").startswith("urn:kopir:problem:")
    return check(ok, "problem %d %s (got %s %r)" % (status, code, s, d))


def happy_path(sb):
    s, _, q = sb.get("/onboarding/v1/appropriateness/questions")
    check(s == 200 and q["version"] == "2026-1" and len(q["questions"]) == 5 and q["pass_score"] == 4,
          "questionnaire")
    check(all(len(x["options"]) >= 2 for x in q["questions"]), "every question has options")

    a = Applicant(sb)
    check(re.fullmatch(r"app_[0-9a-f]{16}", a.id) is not None and a.created["status"] == "draft", "applicant created")
    check_equal(a.location, "/onboarding/v1/applicants/" + a.id, "Location header")

    problem(sb.get("/onboarding/v1/applicants/" + a.id), 401, "missing_token")
    problem(a.call("GET", token="wrong"), 401, "invalid_token")
    problem(sb.request("GET", "/onboarding/v1/applicants/app_0000000000000000",
                       headers={"Authorization": "Bearer x"}), 404, "not_found")

    s, _, d = a.get()
    check(s == 200 and d["status"] == "draft" and d["review"] is None and d["customer_id"] is None, "draft status")
    check_equal(set(d["missing"]), {"personal_data", "documents.id_card_front", "documents.id_card_back",
                                    "documents.selfie", "appropriateness"}, "everything missing at first")

    problem(a.call("POST", "/submit"), 422, "validation_failed")

    # Personal data: every error at once, each on its field.
    bad = personal(iin="900515300019", phone="87011234567", email="nurlan.example.kz",
                   document={"type": "passport", "number": "123", "issue_date": "2020-02-30",
                             "expiry_date": "2019-01-01"},
                   risk_warnings_accepted=False, first_name="N1rlan", citizenship="Kazakhstan",
                   tax_residency=["kz"], source_of_funds="lottery", sex="other")
    s, _, d = a.call("PUT", body=bad)
    check(s == 422 and d["code"] == "validation_failed", "bad personal data refused")
    expected = {("iin", "iin_checksum"), ("phone", "phone_format"), ("email", "email_format"),
                ("document.number", "document_number_format"), ("document.issue_date", "invalid_date"),
                ("risk_warnings_accepted", "consent_required"), ("first_name", "invalid_format"),
                ("citizenship", "too_long"), ("tax_residency.0", "invalid_format"),
                ("source_of_funds", "invalid_value"), ("sex", "invalid_value")}
    check(expected <= fields(d), "each field error reported (missing: %r)" % (expected - fields(d)))
    check(all(e["message"] for e in d["errors"]), "every error has a message")

    s, _, d = a.call("PUT", body=personal(birth="1990-05-16"))
    check(s == 422 and ("iin", "iin_birth_date_mismatch") in fields(d), "IIN must match the date of birth")
    s, _, d = a.call("PUT", body=personal(sex="female"))
    check(s == 422 and ("iin", "iin_sex_mismatch") in fields(d), "IIN must match the sex")
    s, _, d = a.call("PUT", body=personal(iin="210340000013"))
    check(s == 422 and ("iin", "invalid_value") in fields(d), "a BIN is not an IIN")
    s, _, d = a.call("PUT", body=personal(iin="100315500016", birth="2010-03-15", sex="male"))
    check(s == 422 and ("date_of_birth", "underage") in fields(d), "under 18 refused")
    s, _, d = a.call("PUT", body=dict(personal(), nickname="nur"))
    check(s == 422 and fields(d) == {("nickname", "unknown_field")}, "unknown field refused")
    s, _, d = a.call("PUT", body=personal(first_name=5, resident="yes", address="Алматы"))
    check(s == 422 and {("first_name", "invalid_type"), ("resident", "invalid_type"),
                        ("address", "invalid_type")} <= fields(d), "wrong types refused")
    s, _, d = a.call("PUT", body=personal(address={"country": "KZ", "city": "Алматы", "street": "x", "flat": 1}))
    check(s == 422 and ("address.flat", "unknown_field") in fields(d), "unknown nested field refused")
    s, _, d = a.call("PUT", body=personal(last_name=None, pep=None))
    check(s == 422 and {("last_name", "required"), ("pep", "required")} <= fields(d), "required fields")
    s, _, d = a.get()
    check(s == 200 and d["personal_data_complete"] is False, "refused data not stored")

    s, _, d = a.call("PUT", body=personal())
    check(s == 200 and d["personal_data_complete"] is True and "personal_data" not in d["missing"], "personal data stored")

    # Documents.
    front = images.png(800, 600, 1)
    s, _, d = a.put_document("id_card_front", front, "image/png")
    check(s == 200 and d["width"] == 800 and d["height"] == 600 and d["content_type"] == "image/png"
          and d["size"] == len(front), "front image accepted and measured")
    s, _, d = a.put_document("id_card_back", images.jpeg(1280, 960), "image/jpeg")
    check(s == 200 and (d["width"], d["height"]) == (1280, 960), "JPEG measured from its frame header")
    problem(a.put_document("selfie", b"hello", "text/plain"), 415, "image_type")
    problem(a.put_document("selfie", images.png(800, 800), "image/jpeg"), 415, "image_type")
    problem(a.put_document("selfie", b"GIF89a" + b"\0" * 100, "image/gif"), 415, "image_type")
    s, _, d = a.put_document("selfie", images.png(320, 320), "image/png")
    check(s == 422 and fields(d) == {("selfie", "image_too_small")}, "small selfie refused")
    s, _, d = a.put_document("id_card_front", images.png(600, 600), "image/png")
    check(s == 422 and fields(d) == {("id_card_front", "image_too_small")}, "small document refused")
    s, _, d = a.put_document("selfie", b"", "image/png")
    check(s == 422 and fields(d) == {("selfie", "image_empty")}, "empty image refused")
    s, _, d = a.put_document("selfie", images.png(800, 800)[:20], "image/png")
    check(s == 422 and fields(d) == {("selfie", "image_type")}, "truncated image refused")
    s, _, d = a.put_document("selfie", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg")
    check(s == 422 and fields(d) == {("selfie", "image_type")}, "JPEG without a frame refused")
    problem(a.put_document("driving_licence", front, "image/png"), 404, "not_found")
    s, _, d = sb.request("PUT", "/onboarding/v1/applicants/%s/documents/selfie" % a.id,
                         body=b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024 + 1),
                         headers={"Authorization": "Bearer " + a.token, "Content-Type": "image/jpeg"})
    check(s == 413 and d["code"] == "image_too_large", "images over 10 MiB refused")
    s, _, d = a.put_document("selfie", images.jpeg(720, 1280, b"me"), "image/jpeg")
    check(s == 200 and d["kind"] == "selfie", "selfie accepted")

    s, _, d = a.get()
    check_equal(d["missing"], ["appropriateness"], "only the test is missing")
    check_equal(sorted(x["kind"] for x in d["documents"]), ["id_card_back", "id_card_front", "selfie"], "documents listed")
    s, _, d = a.call("POST", "/submit")
    check(s == 422 and fields(d) == {("appropriateness", "required")}, "submit needs the test")

    # The knowledge test.
    answers = [{"question": q, "option": o} for q, o in RIGHT.items()]
    s, _, d = a.call("POST", "/appropriateness", {"version": "2025-9", "answers": answers})
    check(s == 422 and ("version", "wrong_version") in fields(d), "old questionnaire refused")
    s, _, d = a.call("POST", "/appropriateness", {"version": "2026-1", "answers": answers[:4]})
    check(s == 422 and ("answers", "required") in fields(d), "every question must be answered")
    s, _, d = a.call("POST", "/appropriateness", {"version": "2026-1", "answers": answers + [{"question": "q9", "option": "a"}]})
    check(s == 422 and ("answers.5.question", "unknown_question") in fields(d), "unknown question")
    s, _, d = a.call("POST", "/appropriateness", {"version": "2026-1", "answers": answers + [answers[0]]})
    check(s == 422 and ("answers.5.question", "duplicate_answer") in fields(d), "duplicate answer")
    bad_option = copy.deepcopy(answers)
    bad_option[2]["option"] = "z"
    s, _, d = a.call("POST", "/appropriateness", {"version": "2026-1", "answers": bad_option})
    check(s == 422 and ("answers.2.option", "unknown_option") in fields(d), "unknown option")
    s, _, d = a.call("POST", "/appropriateness", {"version": "2026-1", "answers": "all right"})
    check(s == 422 and ("answers", "invalid_type") in fields(d), "answers must be a list")
    wrong = [dict(x, option="a") for x in answers]
    s, _, d = a.call("POST", "/appropriateness", {"version": "2026-1", "answers": wrong})
    check(s == 200 and d["passed"] is False and d["score"] == 1, "scored: failed")
    s, _, d = a.call("POST", "/appropriateness", {"version": "2026-1", "answers": answers})
    check(s == 200 and d["passed"] is True and d["score"] == 5 and d["max_score"] == 5, "scored: passed")

    problem(a.call("POST", "/credentials"), 409, "invalid_state")

    s, _, d = a.call("POST", "/submit")
    check(s == 202 and d["status"] == "approved", "submitted; with no review delay the desk answers at once")
    check(d["review"] == {"answer": "GREEN", "labels": []}, "GREEN review")
    check(re.fullmatch(r"[0-9]{7}", d["customer_id"] or "") is not None, "7-digit customer id")
    customer_id = d["customer_id"]

    problem(a.call("PUT", body=personal()), 409, "invalid_state")
    s, _, d = a.call("PUT", body=personal())
    check(d.get("status_now") == "approved", "invalid_state says the status")
    problem(a.put_document("selfie", images.png(800, 800), "image/png"), 409, "invalid_state")

    s, _, cred = a.call("POST", "/credentials")
    check(s == 201 and len(cred["api_key"]) == 64 and len(cred["api_secret"]) == 64
          and cred["customer_id"] == customer_id, "credentials issued")
    problem(a.call("POST", "/credentials"), 409, "credentials_already_issued")
    problem(a.get(), 401, "invalid_token")

    c = Customer(sb, {"customer_id": customer_id, "api_key": cred["api_key"], "api_secret": cred["api_secret"]})
    s, _, acct = c.signed("GET", "/api/v3/account")
    check(s == 200 and acct["uid"] == int(customer_id), "the credentials trade")
    s, _, lim = c.signed("GET", "/pilot/v1/limits")
    check(s == 200 and lim["limited"] is False, "passing the test lifts the pilot limit")

    # Failing the test still opens the account, with the limit.
    b = Applicant(sb)
    b.complete(personal(iin="850101400011", birth="1985-01-01", sex="female", last_name="Омарова",
                        first_name="Дана", patronymic="Маратқызы", latin_name=None))
    b.call("POST", "/appropriateness", {"version": "2026-1", "answers": wrong})
    s, _, d = b.call("POST", "/submit")
    check(s == 202 and d["status"] == "approved" and d["appropriateness"]["passed"] is False, "approved without the test")
    s, _, cred = b.call("POST", "/credentials")
    c = Customer(sb, {"customer_id": cred["customer_id"], "api_key": cred["api_key"], "api_secret": cred["api_secret"]})
    s, _, lim = c.signed("GET", "/pilot/v1/limits")
    check(s == 200 and lim["limited"] is True and lim["limit_usd"] == "1000.00", "failing the test keeps the limit")


def review_rules():
    sb = Sandbox(review_delay=3600)
    try:
        def submitted(data, selfie_shade=99, same_selfie=False):
            a = Applicant(sb)
            a.complete(data, selfie_shade)
            if same_selfie:
                a.put_document("selfie", images.png(800, 600, 1), "image/png")
            s, _, d = a.call("POST", "/submit")
            assert s == 202, (s, d)
            return a, d

        a, d = submitted(personal())
        check(d["status"] == "pending" and d["review"] is None, "pending during the review delay")
        s, _, d = a.get()
        check_equal(d["status"], "pending", "still pending before the delay passes")
        problem(a.call("POST", "/submit"), 409, "invalid_state")
        s, _, d = sb.post("/sandbox/v1/review/%s/complete" % a.id)
        check(s == 200 and d["status"] == "approved", "review completed on demand: GREEN")
        problem(sb.post("/sandbox/v1/review/%s/complete" % a.id), 409, "invalid_state")
        problem(sb.post("/sandbox/v1/review/app_ffffffffffffffff/complete"), 404, "not_found")

        def decided(a):
            s, _, d = sb.post("/sandbox/v1/review/%s/complete" % a.id)
            assert s == 200, (s, d)
            return d

        d = decided(submitted(personal(iin="770707300012", birth="1977-07-07"))[0])
        check(d["status"] == "rejected" and d["review"]["answer"] == "RED" and d["review"]["reject_type"] == "FINAL"
              and d["review"]["labels"] == ["SANCTIONS"], "watch list: RED FINAL SANCTIONS")

        a, _ = submitted(personal())
        d = decided(a)
        check(d["review"]["reject_type"] == "FINAL" and d["review"]["labels"] == ["DUPLICATE"], "same IIN twice: DUPLICATE")
        problem(a.call("PUT", body=personal()), 409, "invalid_state")

        d = decided(submitted(personal(iin="850101400011", birth="1985-01-01", sex="female", resident=False))[0])
        check(d["review"]["reject_type"] == "FINAL" and d["review"]["labels"] == ["WRONG_USER_REGION"],
              "non-resident: WRONG_USER_REGION")

        expired = personal(iin="660606400017", birth="1966-06-06", sex="female")
        expired["iin"] = "850101400011"
        expired["date_of_birth"] = "1985-01-01"
        expired["document"] = dict(expired["document"], issue_date="2010-01-01", expiry_date="2020-01-01")
        a, _ = submitted(expired)
        d = decided(a)
        check(d["review"]["answer"] == "RED" and d["review"]["reject_type"] == "RETRY"
              and d["review"]["labels"] == ["EXPIRATION_DATE"] and d["review"]["comment"], "expired document: RETRY")
        fixed = copy.deepcopy(expired)
        fixed["document"]["issue_date"] = "2021-01-01"
        fixed["document"]["expiry_date"] = (datetime.date.today() + datetime.timedelta(days=900)).isoformat()
        s, _, d = a.call("PUT", body=fixed)
        check(s == 200, "after RETRY the data can be corrected")
        s, _, d = a.put_document("id_card_front", images.png(1024, 768, 7), "image/png")
        check(s == 200, "after RETRY a new image can be uploaded")
        s, _, d = a.call("POST", "/submit")
        check(s == 202 and d["status"] == "pending" and d["review"] is None, "resubmitted")
        d = decided(a)
        check(d["status"] == "approved", "corrected application approved")

        same = personal(iin="791028302728", birth="1979-10-28", sex="male")
        d = decided(submitted(same, same_selfie=True)[0])
        check(d["review"]["reject_type"] == "RETRY" and d["review"]["labels"] == ["BAD_SELFIE"],
              "selfie copied from a document: BAD_SELFIE")

        a, _ = submitted(personal(iin="251112401047", birth="1925-11-12", sex="female"))
        s, _, d = sb.post("/sandbox/v1/review/%s/complete" % a.id,
                          {"answer": "RED", "reject_type": "RETRY", "labels": ["LOW_QUALITY"], "comment": "Blurry."})
        check(s == 200 and d["review"] == {"answer": "RED", "reject_type": "RETRY", "labels": ["LOW_QUALITY"],
                                           "comment": "Blurry."}, "forced answer")
        s, _, d = a.call("POST", "/submit")
        s, _, d = sb.post("/sandbox/v1/review/%s/complete" % a.id, {"answer": "RED"})
        check(s == 422 and ("reject_type", "required") in fields(d), "RED needs a reject type")
        s, _, d = sb.post("/sandbox/v1/review/%s/complete" % a.id, {"answer": "MAYBE"})
        check(s == 422 and ("answer", "invalid_value") in fields(d), "unknown answer refused")
    finally:
        sb.close()


def main():
    sb = Sandbox()
    try:
        happy_path(sb)
        check(sb.alive(), "sandbox still running")
    finally:
        sb.close()
    review_rules()
    finish()


if __name__ == "__main__":
    main()
