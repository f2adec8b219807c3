import unittest

from calc import add


class AdditionChecks(unittest.TestCase):
    def test_adds_small_numbers(self):
        """Adding two small positive numbers gives their sum."""
        self.assertEqual(add(2, 3), 5)

    def test_adds_any_integers(self):
        """Negative and large numbers add up correctly too."""
        cases = [("opposites", -1, 1), ("both negative", -5, -5), ("very large", 10**12, 1)]
        for label, a, b in cases:
            with self.subTest(label):
                self.assertEqual(add(a, b), a + b)

    def test_returns_plain_int(self):
        """The sum is a plain int, not a string or a float."""
        for a, b in [(1, 1), (0, 0)]:
            with self.subTest(a=a, b=b):
                self.assertIs(type(add(a, b)), int)
