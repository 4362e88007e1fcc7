import gc, pytest
@pytest.fixture(autouse=True)
def _gc_after():
    yield
    gc.collect()
