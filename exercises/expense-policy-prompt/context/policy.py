"""The travel and expense policy handbook (read-only project file, abridged here).

HANDBOOK is the full text, one "## <category>" section per expense category; the real one is
48 pages. `section(category)` returns one section's text exactly as it appears in HANDBOOK.
Claims whose category has no section of its own fall under the "general" section.
"""

from __future__ import annotations

import re

HANDBOOK = """\
# Northwind Group travel and expense policy (version 7, approved by the CFO)

## general
These rules apply to every claim, and they are the only rules for claims whose category has no
section of its own. A claim must be submitted within 60 days of the expense and must carry an
itemised receipt; a card slip alone is not a receipt. Alcohol, fines, personal grooming, minibar
items and upgrades bought for comfort are never reimbursed. Expenses paid on behalf of a colleague
are claimed by the colleague who benefited. Where no other limit applies, one claim may not exceed
the general limit below without the prior written approval of a budget holder.
Limit: 150.00 EUR per claim.

## meals
Meals are reimbursed when an employee travels for work for more than four hours, or works on site
at a client. Breakfast is not reimbursed when the hotel rate includes it. Working lunches in the
office are catered and are not claimable. Team meals belong under client entertainment when a
client attends, and under team events otherwise. The limit covers food and non-alcoholic drinks
for one person for one day, tips included; any amount above it is the employee's own cost.
Limit: 60.00 EUR per day.

## hotels
Book hotels through the travel portal so that the negotiated rates apply. The limit is per night,
room only, taxes included; a city surcharge applies to London, Paris, Zurich and New York and is
already included in the portal's prices. Stays longer than 14 nights need a serviced apartment
quote first. Late-checkout fees, spa access, room upgrades and in-room films are not reimbursed.
No-show charges are reimbursed only when the trip was cancelled by the company.
Limit: 180.00 EUR per night.

## rail_air
Rail is the default for journeys under five hours door to door. Economy class applies to all
flights shorter than six hours; premium economy needs a director's approval. Book at least 14
days ahead when the dates are known. Seat selection fees are reimbursed for flights over three
hours, checked baggage only when carrying company equipment. Changes and cancellation fees are
reimbursed when the company changed the plan. Keep the boarding pass with the receipt.
Limit: 400.00 EUR per journey.

## taxis
Taxis and ride-hailing are reimbursed when public transport is unavailable, unsafe, or would
take more than twice as long, and always between 22:00 and 06:00. Shared rides are preferred.
Airport transfers by taxi are reimbursed up to the limit below; above it, take the train or an
airport shuttle. Write the start and end of the journey in the description. Waiting time caused
by the employee and cleaning fees are not reimbursed.
Limit: 70.00 EUR per journey.

## mileage
Use of a private car is reimbursed per kilometre at the official rate when no pool car is
available, on presentation of the route and the odometer readings. Parking at the destination
is claimed separately under this category; parking fines are never reimbursed. Tolls and
congestion charges are reimbursed on receipt. Car sharing with colleagues is encouraged: only
the driver claims. Mileage between home and the usual workplace is a personal cost.
Limit: 250.00 EUR per claim.

## client_entertainment
Entertaining clients requires a business purpose written in the description together with the
names and companies of the guests. The limit is per guest, employees included, and covers food
and drinks; alcohol is reimbursed here only, in moderation. Gifts to clients go through the
procurement team and cannot be claimed. Entertainment of public officials is forbidden without
approval from Legal under the anti-bribery policy.
Limit: 90.00 EUR per guest.

## home_office
Employees on a hybrid contract may claim equipment for their home office once every three years:
a chair, a desk, a monitor, a keyboard and a mouse, or a headset. Laptops and phones are supplied
by IT and are never claimed. Internet and electricity are covered by the monthly home-working
allowance on the payslip, not by expense claims. Equipment claimed remains company property if
the employee leaves within a year.
Limit: 300.00 EUR per item.

## training
Courses, certifications and conference tickets need a training request approved in the HR
portal before booking; attach the approval number to the claim. Travel to a conference follows
the sections above. Books and online subscriptions for professional development are claimed
here. Exam retakes are reimbursed once. Membership fees of professional bodies are reimbursed
when the body is required for the employee's role.
Limit: 1200.00 EUR per course.
"""

_SECTION = re.compile(r"^## (\w+)\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
_SECTIONS = {match.group(1): match.group(0) for match in _SECTION.finditer(HANDBOOK)}


def categories() -> list[str]:
    """The categories that have a section of their own (including "general")."""
    return list(_SECTIONS)


def section(category: str) -> str:
    """The text of one category's section, heading included. Raises KeyError for a category
    without a section of its own (those claims fall under "general")."""
    return _SECTIONS[category]
