"""Writes the shipped map files: the templates in ``templates/`` and the example in ``examples/``.

    .venv/bin/python resources/make_example.py          # rewrite the files
    .venv/bin/python resources/make_example.py --check  # exit 1 if a committed file differs

The committed JSON is exactly what this script writes (``tests/test_resources.py`` checks it), so
edit the content here, not in the JSON. Ids and timestamps are fixed, so the output is stable.

The example is a B2B laptop-fleet journey modelled on the business-customer research described
in Lenovo's article on customer journey mapping (five stages: Purchase, Deliver/Setup, Use and
Support, Fix, Renew; internal workshops first, then interviews with customers to confirm or refute
what the company assumed). The vendor, customers, people and numbers are fictional.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.io.jsonfile import dumps_map
from app.model.schema import (
    LANE_TYPE_LABELS,
    Card,
    CardKind,
    EmotionCurve,
    EmotionPoint,
    JourneyType,
    Lane,
    LaneType,
    Link,
    LinkKind,
    Map,
    Persona,
    Perspective,
    Stage,
    StageMetric,
)

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE / "examples" / "b2b-hardware.journey.json"
TEMPLATES = HERE / "templates"
CREATED = "2026-01-15T09:00:00+00:00"
DESCRIPTION_FIELD = "template_description"  # app.io.templates.DESCRIPTION_FIELD

# Okabe-Ito, the colour-blind-safe palette.
BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY = "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"

# lane key (its id is "ln-KEY") -> (type, name, minimum height)
LANES: dict[str, tuple[LaneType, str, float]] = {
    "actions": (LaneType.ACTIONS, LANE_TYPE_LABELS[LaneType.ACTIONS], 110.0),
    "thoughts": (LaneType.THOUGHTS, LANE_TYPE_LABELS[LaneType.THOUGHTS], 110.0),
    "feelings": (LaneType.FEELINGS, LANE_TYPE_LABELS[LaneType.FEELINGS], 160.0),
    "touchpoints": (LaneType.TOUCHPOINTS, LANE_TYPE_LABELS[LaneType.TOUCHPOINTS], 110.0),
    "channels": (LaneType.CHANNELS, LANE_TYPE_LABELS[LaneType.CHANNELS], 80.0),
    "onstage": (LaneType.ON_STAGE, "On-stage actions", 110.0),
    "backstage": (LaneType.BACKSTAGE, LANE_TYPE_LABELS[LaneType.BACKSTAGE], 110.0),
    "support": (LaneType.SUPPORT, LANE_TYPE_LABELS[LaneType.SUPPORT], 110.0),
    "pain": (LaneType.PAIN_POINTS, LANE_TYPE_LABELS[LaneType.PAIN_POINTS], 110.0),
    "opportunities": (LaneType.OPPORTUNITIES, LANE_TYPE_LABELS[LaneType.OPPORTUNITIES], 110.0),
    "owners": (LaneType.OWNERS, LANE_TYPE_LABELS[LaneType.OWNERS], 80.0),
    "metrics": (LaneType.METRICS, LANE_TYPE_LABELS[LaneType.METRICS], 80.0),
    "evidence": (LaneType.TEXT, "Physical evidence", 80.0),  # service blueprints
}
EXAMPLE_LANES = [
    "actions", "thoughts", "feelings", "touchpoints", "channels", "onstage",
    "backstage", "support", "pain", "opportunities", "owners", "metrics",
]

# The kind a card gets from its lane.
KIND_OF_LANE: dict[LaneType, CardKind] = {
    LaneType.ACTIONS: CardKind.ACTION,
    LaneType.THOUGHTS: CardKind.THOUGHT,
    LaneType.TOUCHPOINTS: CardKind.TOUCHPOINT,
    LaneType.ON_STAGE: CardKind.TOUCHPOINT,
    LaneType.BACKSTAGE: CardKind.PROCESS,
    LaneType.SUPPORT: CardKind.PROCESS,
    LaneType.PAIN_POINTS: CardKind.PAIN,
    LaneType.OPPORTUNITIES: CardKind.OPPORTUNITY,
}


def slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-").replace("--", "-")


def make_lanes(keys: list[str], names: dict[str, str] | None = None) -> list[Lane]:
    names = names or {}
    return [
        Lane(id=f"ln-{key}", name=names.get(key, LANES[key][1]), type=LANES[key][0], height=LANES[key][2])
        for key in keys
    ]


def make_stages(stages: list[tuple[str, str, str]], width: float = 240.0) -> list[Stage]:
    return [Stage(id=f"st-{key}", name=name, description=text, width=width) for key, name, text in stages]


# ================================================================ templates
def template(
    name: str, title: str, description: str, goal: str, journey_type: JourneyType, stages, lanes, lane_names=None
) -> Map:
    m = Map(
        id=f"template-{name}",
        title=title,
        goal=goal,
        journey_type=journey_type,
        created=CREATED,
        modified=CREATED,
        stages=make_stages(stages),
        lanes=make_lanes(lanes, lane_names),
    )
    setattr(m, DESCRIPTION_FIELD, description)
    return m


def build_templates() -> dict[str, Map]:
    journey_lanes = ["actions", "thoughts", "feelings", "touchpoints", "channels", "onstage", "backstage", "pain"]
    return {
        "b2b": template(
            "b2b",
            "B2B customer journey",
            "Business customers: Purchase, Deliver/Setup, Use and Support, Fix, Renew, with owners per touchpoint",
            "Map how a business customer buys, receives, uses, gets help with and renews what you sell. "
            "Several people decide, often through formal procurement. Run an internal workshop first "
            "(what do sales and service assume customers feel?), then interview customers and compare the "
            "two emotion curves to find the moments that matter and the blind spots.",
            JourneyType.CUSTOM,
            [
                ("purchase", "Purchase", "Learning about the offer, the sales relationship, demos, quotes, approvals, the order."),
                ("deliver", "Deliver/Setup", "Order confirmation, shipping, installation, configuration, first use."),
                ("use", "Use and Support", "Everyday use, how-to questions, self-service, account reviews."),
                ("fix", "Fix", "Something breaks: contact, diagnosis, repair or replacement, follow-up."),
                ("renew", "Renew", "Contract end, renewal or repurchase, trade-in, the decision to stay or leave."),
            ],
            [*journey_lanes, "opportunities", "owners"],
        ),
        "b2c-retail": template(
            "b2c-retail",
            "Retail customer journey",
            "Consumers buying in store, on the web and in the app: Discover to Return/Share",
            "Follow one shopper from first noticing a product to returning it or recommending it, across "
            "store, website, app, social media and delivery. Mark where they hesitate, where they switch "
            "channel and where they feel delighted.",
            JourneyType.PURCHASE,
            [
                ("discover", "Discover", "Ads, social posts, friends, shop windows: how do they first notice us?"),
                ("research", "Research", "Reviews, price comparison, questions, visits to the store or site."),
                ("buy", "Buy", "Basket, checkout, payment, in store or online."),
                ("receive", "Receive", "Delivery or click-and-collect, unboxing."),
                ("use", "Use", "First use, care, help when something is unclear."),
                ("return", "Return/Share", "Returns and refunds; reviews, recommendations, repeat purchase."),
            ],
            [*journey_lanes, "opportunities"],
            {"onstage": "On-stage (staff, web, app)"},
        ),
        "service-blueprint": template(
            "service-blueprint",
            "Service blueprint",
            "Physical evidence, customer actions, on-stage, behind-the-scenes and support processes",
            "Show how a service is produced: what the customer sees and does, what staff do in front of "
            "them (above the line of visibility), and the processes and systems behind the scenes that "
            "make each step possible.",
            JourneyType.USE,
            [
                ("find", "Find", "How the customer finds and chooses the service."),
                ("request", "Request", "Booking, ordering or asking for the service."),
                ("receive", "Receive", "The service being delivered."),
                ("pay", "Pay", "Bill, payment, receipt."),
                ("follow-up", "Follow up", "Feedback, reminders, the next visit."),
            ],
            ["evidence", "actions", "onstage", "backstage", "support"],
        ),
        "onboarding": template(
            "onboarding",
            "Product onboarding journey",
            "New users from Sign up to Expand: where do they stall before their first success?",
            "Follow a new user from sign-up to the moment the product becomes a habit and they bring in "
            "their team. Find the steps where people stall or leave before they get their first value.",
            JourneyType.PURCHASE,
            [
                ("sign-up", "Sign up", "Account creation, verification, first promise kept or broken."),
                ("first-run", "First run", "Empty screens, set-up, imports, the first guided steps."),
                ("first-value", "First value", "The first real success: the aha moment."),
                ("habit", "Habit", "Coming back: reminders, routines, integrations."),
                ("expand", "Expand", "Inviting colleagues, upgrading, new use cases."),
            ],
            ["actions", "thoughts", "feelings", "touchpoints", "onstage", "backstage", "pain", "opportunities", "metrics"],
            {"onstage": "On-stage (product, e-mails, people)"},
        ),
    }


# ================================================================== example
PERSONAS = [
    Persona(
        id="p-renata",
        name="Renata Müller",
        age=46,
        role="IT procurement manager, Construtora Atlântica (engineering and construction, 2,400 staff)",
        family="Married, two teenage children; lives in São Paulo",
        goals=(
            "Refresh 400 engineering laptops before the fiscal year closes, within budget, with one "
            "accountable vendor contact. Cut the fleet's total cost of ownership by 15 % over the lease."
        ),
        interests="Supplier negotiation, sustainability reporting (asset recovery, e-waste certificates), cycling in Ibirapuera park",
        habits=(
            "Runs a formal RFQ with three vendors; reads analyst reports and peer reviews; keeps every "
            "decision in a spreadsheet the CFO can audit; meets vendors over a café near the office."
        ),
        tech_familiarity=3,
        needs=(
            "Comparable quotes within days; a delivery date she can trust; warranty and service terms "
            "she can explain to finance; one person who answers."
        ),
        frustrations=(
            "Quotes that take more than a week; chasing delivery dates; renewal offers that arrive after "
            "the budget is set."
        ),
        quote="I don't need the cheapest laptop. I need a partner who tells me the truth about dates.",
        segment="Large enterprise (LE)",
        region="São Paulo, Brazil (Latin America)",
        colour=BLUE,
    ),
    Persona(
        id="p-kenji",
        name="Kenji Satō (佐藤 健二)",
        age=31,
        role="IT administrator, Tokyo office of a design consultancy (SMB, 180 staff)",
        family="Single; shares a flat with his sister in Setagaya",
        goals=(
            "Give every new hire a working, enrolled laptop on day one; spend less time on repairs and "
            "more on the security roadmap."
        ),
        interests="Automation scripts, mechanical keyboards, weekend hikes on Mount Takao",
        habits=(
            "Reads vendor documentation and forums before contacting anyone; prefers chat and e-mail to "
            "the phone; tracks every device in a shared sheet."
        ),
        tech_familiarity=5,
        needs=(
            "Factory preload and zero-touch enrolment; warranty status for the whole fleet in one place; "
            "next-business-day on-site repair; support in Japanese."
        ),
        frustrations=(
            "Imaging laptops by hand; repeating the serial number and the whole story to each new agent; "
            "delivery dates that move without notice."
        ),
        quote="「設定が一回で終われば、それでいい。」 If setup happens once and just works, that is all I ask.",
        segment="Small and medium business (SMB)",
        region="東京, Japan (Asia Pacific)",
        colour=VERMILLION,
    ),
]

STAGES = [
    (
        "purchase",
        "Purchase",
        "From the first search to a signed order. Business buyers seek a lot of information here "
        "(product choices, tech shows, events, demo kits), and several people decide through a formal "
        "procurement process. The relationship with the sales team starts here.",
    ),
    (
        "deliver",
        "Deliver/Setup",
        "Order confirmation, manufacturing, shipping and customs, then imaging and enrolment until every "
        "employee has a working laptop.",
    ),
    (
        "use",
        "Use and Support",
        "Everyday use of the fleet: how-to questions, the fleet portal, reviews with the customer success "
        "manager, and channel partners who service the laptops.",
    ),
    ("fix", "Fix", "A laptop breaks: a ticket, a diagnosis, a part, a technician, and the engineer is working again."),
    ("renew", "Renew", "End of lease or refresh: is this vendor worth choosing again? Would the customer recommend it?"),
]

R, K = "p-renata", "p-kenji"

# Cards per stage: (lane, key, title, body, fields). Ratings are (importance internal, performance
# internal, importance customer, performance customer): what our teams assume next to what customers said.
CARDS: dict[str, list[tuple[str, str, str, str, dict]]] = {
    "purchase": [
        ("actions", "research", "Researches models and configurations",
         "Compares specifications, prices and warranty terms on vendor sites, analyst reports and peer "
         "reviews; shortlists three vendors.", {"personas": [R], "tags": ["information"]}),
        ("actions", "demo-request", "Asks for a demo kit for the engineers",
         "The engineers want to run their CAD software on two models for two weeks before anyone signs.",
         {"personas": [R, K]}),
        ("actions", "rfq", "Runs the RFQ and collects approvals",
         "Procurement, IT and finance approve; the CFO signs above BRL 2 million.", {"personas": [R]}),
        ("thoughts", "think-fit", "Which configuration fits our engineers, and our budget?", "", {"personas": [R]}),
        ("thoughts", "think-date", "Can they deliver 400 units before the fiscal year closes?", "", {"personas": [R]}),
        ("touchpoints", "am-meeting", "Meeting with the account manager",
         "The first real conversation: needs, timeline, budget, who decides. Customers in every market "
         "named this relationship the strongest part of the journey.",
         {"channel": "In person / video call", "owner": "Sales: account management", "personas": [R],
          "truth": True, "ratings": (5, 4, 5, 5), "votes": 4, "tags": ["moment-that-matters", "strength"]}),
        ("touchpoints", "event", "Tech show breakfast at a café in São Paulo",
         "Hands-on time with the new models, product specialists and other customers.",
         {"channel": "Event", "owner": "Marketing: events", "personas": [R], "ratings": (3, 4, 4, 4),
          "tags": ["information"]}),
        ("touchpoints", "demo-kit", "Demo kit on loan",
         "Two pre-configured units shipped to the customer's site for a two-week trial. Internally seen "
         "as a nice extra; customers ranked it among the most important touchpoints.",
         {"channel": "Courier", "owner": "Pre-sales engineering", "personas": [R, K], "truth": True,
          "ratings": (3, 3, 5, 4), "votes": 3, "tags": ["blind-spot"]}),
        ("touchpoints", "quote", "Formal quote and proposal",
         "Configuration, price, lease options, delivery date and service terms in one document.",
         {"channel": "E-mail / partner portal", "owner": "Sales: deal desk", "personas": [R], "truth": True,
          "pain": True, "ratings": (3, 4, 5, 2), "votes": 6, "tags": ["blind-spot", "quote-speed"]}),
        ("channels", "channels", "Web, events, e-mail, video calls, resellers",
         "Business buyers use many channels at once; almost all start with the sales team.", {}),
        ("onstage", "tailor", "Account manager tailors the proposal",
         "Maps the RFQ to configurations and explains lease versus purchase to finance.",
         {"owner": "Sales: account management"}),
        ("onstage", "benchmark", "Pre-sales engineer runs the CAD benchmark with the engineers", "",
         {"owner": "Pre-sales engineering", "personas": [K]}),
        ("backstage", "deal-desk", "Deal desk approves special pricing",
         "Discounts above 12 % need regional approval: a manual e-mail loop of 3 to 9 days.",
         {"owner": "Sales operations (deal desk)"}),
        ("backstage", "credit", "Credit check and contract review", "", {"owner": "Finance and legal"}),
        ("pain", "pain-quote", "The quote takes up to 9 days",
         "Manual discount approval delays the quote, and the customer reads the silence as lack of interest.",
         {"owner": "Sales operations (deal desk)", "personas": [R], "votes": 7, "tags": ["quote-speed"]}),
        ("opportunities", "opp-quote", "48-hour quote promise for standard configurations",
         "Pre-approved discount bands per segment, so the account manager can quote in the meeting.",
         {"owner": "Sales operations (deal desk)", "votes": 5, "tags": ["quick-win"]}),
        ("owners", "owners", "Sales: account management, pre-sales, deal desk", "", {"owner": "Sales"}),
    ],
    "deliver": [
        ("actions", "track", "Tracks the order and plans the roll-out", "", {"personas": [R]}),
        ("actions", "image", "Images and enrols each laptop by hand",
         "Without factory preload, Kenji installs the company image, joins the domain and installs the "
         "CAD licences one laptop at a time.", {"personas": [K]}),
        ("actions", "hand-out", "Hands the laptops to new hires on their first day", "", {"personas": [K]}),
        ("thoughts", "think-arrive", "Will the laptops be here before the new hires start?", "", {"personas": [R, K]}),
        ("thoughts", "think-image", "また手作業でイメージ展開か…", "Imaging by hand again…", {"personas": [K]}),
        ("touchpoints", "confirm", "Order confirmation e-mail",
         "Order number, ship date and a summary of the configuration.",
         {"channel": "E-mail", "owner": "Order management", "personas": [R], "ratings": (2, 4, 3, 4)}),
        ("touchpoints", "tracking", "Delivery tracking portal", "",
         {"channel": "Web portal", "owner": "Supply chain and logistics", "personas": [R],
          "ratings": (3, 4, 4, 3)}),
        ("touchpoints", "delay", "交付延迟: delivery delay",
         "The shipment slips three weeks at customs, and the customer hears it from the courier, not "
         "from us. (交付延迟, 'delivery delay', is how the factory team logged it.)",
         {"channel": "Courier / e-mail", "owner": "Supply chain and logistics", "personas": [R, K],
          "truth": True, "pain": True, "ratings": (3, 3, 5, 1), "votes": 8,
          "tags": ["moment-that-matters", "blind-spot"]}),
        ("touchpoints", "zero-touch", "Zero-touch enrolment",
         "Laptops enrol into the customer's device management at first boot; no hands-on imaging.",
         {"channel": "Device / MDM", "owner": "Services: deployment", "personas": [K], "truth": True,
          "ratings": (3, 3, 5, 2), "votes": 2, "tags": ["deployment"]}),
        ("channels", "channels", "E-mail, courier, tracking portal, phone", "", {}),
        ("onstage", "call", "Logistics coordinator calls with a new date", "",
         {"owner": "Supply chain and logistics"}),
        ("onstage", "install", "Deployment team installs on site (optional service)", "",
         {"owner": "Services: deployment"}),
        ("backstage", "factory", "工厂预装: the factory preloads the customer image",
         "The factory installs the customer's golden image and asset tags. Only 30 % of business orders "
         "include it, because sales rarely offers it.", {"owner": "Manufacturing"}),
        ("backstage", "customs", "Customs clearance at the port of Santos",
         "Imports into Brazil wait 5 to 15 days for clearance; the date in the portal is not updated.",
         {"owner": "Supply chain and logistics"}),
        ("support", "eta-sync", "Order system updates the delivery date once a day",
         "Date changes reach the portal overnight; the account manager is not alerted.",
         {"owner": "IT: order systems"}),
        ("pain", "pain-notice", "No proactive notice of delays", "",
         {"owner": "Supply chain and logistics", "personas": [R, K], "votes": 9, "tags": ["communication"]}),
        ("pain", "pain-image", "Imaging every laptop by hand takes a week", "",
         {"owner": "Services: deployment", "personas": [K], "votes": 6, "tags": ["effort"]}),
        ("opportunities", "opp-alerts", "Proactive delay alerts to customer and account manager",
         "Send each date change as it happens, with the reason and the new date, in the customer's "
         "language (português, 日本語, English).", {"owner": "Supply chain and logistics", "votes": 7,
                                                      "tags": ["quick-win"]}),
        ("opportunities", "opp-preload", "Offer factory preload and zero-touch by default", "",
         {"owner": "Sales: account management", "votes": 5}),
        ("owners", "owners", "Supply chain and logistics; manufacturing; deployment services", "",
         {"owner": "Operations"}),
    ],
    "use": [
        ("actions", "roll-out", "Rolls out 400 laptops to engineers at four sites", "", {"personas": [K]}),
        ("actions", "how-to", "Looks up how-to answers and drivers", "", {"personas": [K]}),
        ("thoughts", "think-warranty", "I need the warranty status of the whole fleet in one place.", "",
         {"personas": [K]}),
        ("touchpoints", "portal", "Fleet management portal",
         "Warranty status, driver updates, battery health and tickets for every device.",
         {"channel": "Web portal", "owner": "Customer success", "personas": [K], "ratings": (4, 3, 5, 4),
          "votes": 3, "tags": ["self-service"]}),
        ("touchpoints", "kb", "Knowledge base and driver downloads", "",
         {"channel": "Web", "owner": "Support: content", "personas": [K], "ratings": (2, 4, 4, 3)}),
        ("touchpoints", "qbr", "Quarterly business review",
         "Usage, tickets, satisfaction and the roadmap, with the customer success manager.",
         {"channel": "Video call", "owner": "Customer success", "personas": [R], "truth": True,
          "ratings": (4, 4, 4, 4)}),
        ("touchpoints", "partner", "Channel partner contacts vendor support",
         "Partners who resell and service the laptops need a fast line to vendor support; today they queue "
         "with end users.",
         {"channel": "Phone / partner portal", "owner": "Partner support", "pain": True,
          "ratings": (3, 4, 5, 2), "votes": 5, "tags": ["partner", "blind-spot"]}),
        ("channels", "channels", "Portal, chat, e-mail, phone, partner portal", "", {}),
        ("onstage", "csm", "Customer success manager runs the review", "", {"owner": "Customer success"}),
        ("backstage", "telemetry", "Telemetry flags failing batteries before they die", "",
         {"owner": "Services: analytics"}),
        ("support", "helpdesk", "Tier-1 helpdesk answers in eight languages", "", {"owner": "Technical support"}),
        ("pain", "pain-partner", "Partners cannot reach support easily",
         "The top pain point of channel partners in the research: long queues and no partner priority.",
         {"owner": "Partner support", "votes": 6, "tags": ["partner"]}),
        ("opportunities", "opp-fast-lane", "Partner fast lane to tier-2 support", "",
         {"owner": "Partner support", "votes": 4, "tags": ["partner"]}),
        ("opportunities", "opp-words", "Listen for the customers' own words",
         "Feed the words customers used in interviews to the language processing that reads online "
         "reviews, so it finds the phrases that matter.", {"owner": "Customer experience", "votes": 2}),
        ("owners", "owners", "Customer success; technical support; partner support", "",
         {"owner": "Customer success"}),
    ],
    "fix": [
        ("actions", "ticket", "Opens a ticket for a failed motherboard", "", {"personas": [K]}),
        ("actions", "spare", "Lends the engineer a spare laptop and waits", "", {"personas": [K]}),
        ("thoughts", "think-wait", "How long will this engineer be without a laptop?", "", {"personas": [K]}),
        ("touchpoints", "hotline", "Support hotline and chat", "",
         {"channel": "Phone / chat", "owner": "Technical support", "personas": [K], "pain": True,
          "ratings": (4, 3, 5, 2), "votes": 4, "tags": ["effort"]}),
        ("touchpoints", "technician", "On-site technician visit",
         "Next-business-day visit; the part is replaced at the engineer's desk.",
         {"channel": "On site", "owner": "Field services", "personas": [K], "truth": True,
          "ratings": (5, 4, 5, 5), "votes": 3, "tags": ["moment-that-matters", "strength"]}),
        ("touchpoints", "status", "Repair status updates", "",
         {"channel": "SMS / e-mail", "owner": "Technical support", "personas": [K], "ratings": (2, 3, 4, 3)}),
        ("channels", "channels", "Phone, chat, e-mail, on site", "", {}),
        ("onstage", "replace", "Technician replaces the part and tests it with the user", "",
         {"owner": "Field services"}),
        ("backstage", "escalate", "Ticket escalated to tier 2",
         "Each escalation opens a new case; the history does not travel with it.",
         {"owner": "Technical support"}),
        ("backstage", "parts", "Part dispatched from the regional depot", "", {"owner": "Service logistics"}),
        ("support", "entitlement", "Warranty entitlement check", "", {"owner": "Service operations"}),
        ("pain", "pain-repeat", "Repeats the serial number and the story to every agent", "",
         {"owner": "Technical support", "personas": [K], "votes": 8, "tags": ["effort"]}),
        ("opportunities", "opp-history", "One case history that follows every escalation", "",
         {"owner": "Technical support", "votes": 6}),
        ("owners", "owners", "Technical support; field services; service logistics", "",
         {"owner": "Services"}),
    ],
    "renew": [
        ("actions", "review", "Reviews fleet age, tickets and total cost", "", {"personas": [R]}),
        ("actions", "compare", "Compares the renewal offer with two competitors", "", {"personas": [R]}),
        ("thoughts", "think-worth", "Was this vendor worth it? Would I recommend them?", "", {"personas": [R]}),
        ("touchpoints", "proposal", "Renewal and refresh proposal", "",
         {"channel": "Meeting / e-mail", "owner": "Sales: account management", "personas": [R], "truth": True,
          "ratings": (5, 3, 5, 3), "votes": 3, "tags": ["moment-that-matters"]}),
        ("touchpoints", "nps", "Relationship survey (NPS)", "",
         {"channel": "E-mail survey", "owner": "Customer experience", "personas": [R], "ratings": (3, 3, 2, 3)}),
        ("touchpoints", "trade-in", "Trade-in and asset recovery",
         "Old laptops collected, data wiped with certificates, residual value credited to the new order.",
         {"channel": "On site / courier", "owner": "Asset recovery services", "personas": [R],
          "ratings": (2, 3, 4, 4), "tags": ["sustainability"]}),
        ("onstage", "refresh", "Account manager proposes a refresh with trade-in", "",
         {"owner": "Sales: account management"}),
        ("backstage", "wipe", "Certified data wipe and recycling", "", {"owner": "Asset recovery services"}),
        ("backstage", "forecast", "Lease end dates feed the sales forecast", "", {"owner": "Sales operations"}),
        ("pain", "pain-late", "The renewal offer arrives after the budget is set", "",
         {"owner": "Sales: account management", "personas": [R], "votes": 5}),
        ("opportunities", "opp-plan", "Plan the refresh six months before the lease ends", "",
         {"owner": "Sales: account management", "votes": 4, "tags": ["quick-win"]}),
        ("owners", "owners", "Sales; asset recovery; customer experience", "", {"owner": "Sales"}),
    ],
}

# (source, target, kind, label); cards are "stage.key".
LINKS = [
    ("purchase.event", "purchase.am-meeting", LinkKind.FLOW, ""),
    ("purchase.am-meeting", "purchase.demo-kit", LinkKind.FLOW, ""),
    ("purchase.demo-kit", "purchase.quote", LinkKind.FLOW, ""),
    ("purchase.quote", "purchase.deal-desk", LinkKind.HANDOFF, "discount approval"),
    ("purchase.quote", "deliver.confirm", LinkKind.FLOW, "order placed"),
    ("deliver.confirm", "deliver.tracking", LinkKind.FLOW, ""),
    ("deliver.customs", "deliver.delay", LinkKind.DEPENDENCY, "ETA not updated"),
    ("deliver.tracking", "deliver.delay", LinkKind.FLOW, ""),
    ("deliver.delay", "deliver.call", LinkKind.HANDOFF, "logistics to customer"),
    ("deliver.factory", "deliver.zero-touch", LinkKind.DEPENDENCY, "preload needed"),
    ("deliver.zero-touch", "use.portal", LinkKind.FLOW, ""),
    ("purchase.am-meeting", "use.qbr", LinkKind.HANDOFF, "sales to customer success"),
    ("use.telemetry", "use.portal", LinkKind.DEPENDENCY, ""),
    ("use.portal", "fix.hotline", LinkKind.FLOW, "device fails"),
    ("fix.hotline", "fix.escalate", LinkKind.HANDOFF, "tier 1 to tier 2"),
    ("fix.escalate", "fix.technician", LinkKind.HANDOFF, "dispatch"),
    ("fix.parts", "fix.technician", LinkKind.DEPENDENCY, ""),
    ("fix.technician", "fix.status", LinkKind.FLOW, ""),
    ("use.qbr", "renew.proposal", LinkKind.FLOW, ""),
    ("renew.proposal", "renew.trade-in", LinkKind.FLOW, ""),
]

# Curves: (id, persona, perspective, name, colour, points [(stage, x, value, quote, card key)]).
CURVES = [
    ("cv-renata-customer", R, Perspective.CUSTOMER, "Renata: customer interviews", BLUE, [
        ("purchase", 0.3, 2, "Our account manager knew our business before the first meeting.", "am-meeting"),
        ("purchase", 0.8, -1, "Nine days for a quote. We almost went with the other vendor.", "quote"),
        ("deliver", 0.5, -2, "Nobody told us the shipment was stuck in customs.", "delay"),
        ("use", 0.5, 1, "", None),
        ("fix", 0.5, 0, "", None),
        ("renew", 0.5, 1, "The trade-in made the renewal easy to defend to finance.", "trade-in"),
    ]),
    ("cv-renata-internal", R, Perspective.INTERNAL, "Renata: assumed by sales (internal workshop)", SKY, [
        ("purchase", 0.3, 2, "", None),
        ("purchase", 0.8, 1, "Quotes go out fast enough.", None),
        ("deliver", 0.5, 1, "Delivery is a non-event for the customer.", None),
        ("use", 0.5, 1, "", None),
        ("fix", 0.5, 0, "", None),
        ("renew", 0.5, 2, "", None),
    ]),
    ("cv-kenji-customer", K, Perspective.CUSTOMER, "Kenji: customer interviews", VERMILLION, [
        ("purchase", 0.5, 0, "I only joined for the demo kit. It was useful.", "demo-kit"),
        ("deliver", 0.3, -1, "", None),
        ("deliver", 0.8, -3, "Imaging 60 laptops by hand took my whole week.", "image"),
        ("use", 0.5, 1, "The portal shows warranty status for every device.", "portal"),
        ("fix", 0.3, -2, "Third agent, third time I read out the serial number.", "hotline"),
        ("fix", 0.8, 2, "The technician came the next morning and fixed it in twenty minutes.", "technician"),
        ("renew", 0.5, 1, "", None),
    ]),
    ("cv-kenji-internal", K, Perspective.INTERNAL, "Kenji: assumed by support (internal workshop)", PURPLE, [
        ("purchase", 0.5, 0, "", None),
        ("deliver", 0.5, 1, "Setup is the customer's job; they know their image.", None),
        ("use", 0.5, 1, "", None),
        ("fix", 0.5, 1, "", None),
        ("renew", 0.5, 1, "", None),
    ]),
    ("cv-kenji-to-be", K, Perspective.TO_BE, "Kenji: target experience", GREEN, [
        ("purchase", 0.5, 1, "", None),
        ("deliver", 0.5, 2, "Laptops arrive preloaded and enrol themselves.", None),
        ("use", 0.5, 2, "", None),
        ("fix", 0.5, 1, "One case, one story, a technician the next day.", None),
        ("renew", 0.5, 2, "", None),
    ]),
]

# (stage, name, value, target, unit)
METRICS = [
    ("purchase", "NPS", 42, 50, ""),
    ("purchase", "Quote turnaround", 6.5, 2, "days"),
    ("deliver", "CSAT", 3.4, 4.2, "/5"),
    ("deliver", "Time to deploy", 12, 5, "days"),
    ("deliver", "On-time delivery", 78, 95, "%"),
    ("use", "CSAT", 4.1, 4.3, "/5"),
    ("fix", "Time to resolve", 2.6, 1, "days"),
    ("fix", "First-contact resolution", 61, 75, "%"),
    ("renew", "NPS", 35, 45, ""),
    ("renew", "Renewal rate", 72, 80, "%"),
]


def card_id(ref: str) -> str:
    stage, key = ref.split(".", 1)
    return f"card-{stage}-{key}"


def build_cards() -> list[Card]:
    cards = []
    for stage, rows in CARDS.items():
        orders: dict[str, int] = {}
        for lane, key, title, body, f in rows:
            lane_type = LANES[lane][0]
            order = orders[lane] = orders.get(lane, -1) + 1
            ratings = f.get("ratings", (None, None, None, None))
            pain = f.get("pain", False) or lane_type is LaneType.PAIN_POINTS
            cards.append(
                Card(
                    id=card_id(f"{stage}.{key}"),
                    stage_id=f"st-{stage}",
                    lane_id=f"ln-{lane}",
                    order=order,
                    title=title,
                    body=body,
                    kind=KIND_OF_LANE.get(lane_type, CardKind.NOTE),
                    channel=f.get("channel", ""),
                    owner=f.get("owner", ""),
                    persona_ids=f.get("personas", []),
                    moment_of_truth=f.get("truth", False),
                    pain_point=pain,
                    importance_internal=ratings[0],
                    performance_internal=ratings[1],
                    importance_customer=ratings[2],
                    performance_customer=ratings[3],
                    tags=f.get("tags", []),
                    votes=f.get("votes", 0),
                )
            )
    return cards


def build_example() -> Map:
    curves = [
        EmotionCurve(
            id=ident,
            persona_id=persona,
            perspective=perspective,
            name=name,
            colour=colour,
            points=[
                EmotionPoint(
                    id=f"{ident}-{i}",
                    stage_id=f"st-{stage}",
                    x=x,
                    value=value,
                    quote=quote,
                    card_id=card_id(f"{stage}.{key}") if key else None,
                )
                for i, (stage, x, value, quote, key) in enumerate(points)
            ],
        )
        for ident, persona, perspective, name, colour, points in CURVES
    ]
    return Map(
        id="map-example-b2b-hardware",
        title="Business laptop fleet: from purchase to renewal",
        goal=(
            "How do business customers experience buying, deploying, using, repairing and renewing a fleet "
            "of laptops from a PC maker? Find the moments that matter, and compare what our sales and "
            "service teams assumed (internal workshop curves) with what customers told us in interviews. "
            "Modelled on the B2B research Lenovo described: five stages, internal workshops first, then "
            "interviews with over 130 customers in six markets. Vendor, customers and numbers are fictional."
        ),
        journey_type=JourneyType.CUSTOM,
        created=CREATED,
        modified=CREATED,
        personas=[p.model_copy(deep=True) for p in PERSONAS],
        stages=make_stages(STAGES, width=280.0),
        lanes=make_lanes(EXAMPLE_LANES),
        cards=build_cards(),
        curves=curves,
        links=[
            Link(id=f"link-{i + 1:02d}", source_id=card_id(s), target_id=card_id(t), kind=kind, label=label)
            for i, (s, t, kind, label) in enumerate(LINKS)
        ],
        metrics=[
            StageMetric(id=f"metric-{stage}-{slug(name)}", stage_id=f"st-{stage}", name=name, value=value,
                        target=target, unit=unit)
            for stage, name, value, target, unit in METRICS
        ],
    )


def outputs() -> dict[Path, str]:
    """Every file this script writes, with its exact text."""
    files = {TEMPLATES / f"{name}.journey.json": dumps_map(m) for name, m in build_templates().items()}
    files[EXAMPLE] = dumps_map(build_example())
    return files


def main(argv: list[str]) -> int:
    stale = [path for path, text in outputs().items() if not path.exists() or path.read_bytes() != text.encode()]
    if "--check" in argv:
        for path in stale:
            print(f"{path}: differs from what {Path(__file__).name} writes", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())
        print(f"wrote {path.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
