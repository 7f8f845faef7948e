"""Why an SMS did not leave: shared by the backends and the pages that explain it."""


class SmsNotSent(Exception):
    """The message did not leave: the citizen may try again later."""


class BudgetExhausted(SmsNotSent):
    """The provider's SMS_DAILY_BUDGET is used up until midnight in Jakarta."""
