"""The one exception the parser raises for input it cannot turn into a resolution."""


class ParseError(ValueError):
    """Input is empty, not a resolution, undecodable, or a PDF without a text layer.

    The message is meant for a human: it names what was expected and what was found.
    """
