# SPDX-License-Identifier: GPL-3.0-or-later
"""Valid personal data for an applicant, shared by the tests."""

import datetime


def personal_data(iin="900515300018", birth="1990-05-15", sex="male"):
    today = datetime.date.today()
    return {
        "last_name": "Жұмабаев", "first_name": "Нұрлан", "patronymic": "Серікұлы",
        "date_of_birth": birth, "sex": sex, "iin": iin, "citizenship": "KZ", "resident": True,
        "address": {"country": "KZ", "city": "Алматы", "street": "Абай даңғылы 10, 5"},
        "phone": "+77011234567", "email": "nurlan@example.kz",
        "document": {"type": "id_card", "number": "045678912",
                     "issue_date": (today - datetime.timedelta(days=400)).isoformat(),
                     "expiry_date": (today + datetime.timedelta(days=3000)).isoformat()},
        "pep": False, "source_of_funds": "salary", "occupation": "Инженер", "tax_residency": ["KZ"],
        "risk_warnings_accepted": True, "personal_data_consent": True,
    }
