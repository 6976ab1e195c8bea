package cache

import (
	"container/list"
	"sync"
	"time"
)

type entry struct {
	key     string
	value   []byte
	expires time.Time
}

// Cache keeps at most max entries; the least recently used one is dropped first.
type Cache struct {
	mu    sync.Mutex
	max   int
	ttl   time.Duration
	order *list.List
	items map[string]*list.Element
}

// Get returns the value and moves the entry to the front.
func (c *Cache) Get(key string, now time.Time) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok || now.After(el.Value.(*entry).expires) {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry).value, true
}

// evictExpired drops every entry whose time to live has passed; called by a background ticker.
func (c *Cache) evictExpired(now time.Time) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for el := c.order.Back(); el != nil; {
		prev := el.Prev()
		if now.After(el.Value.(*entry).expires) {
			c.order.Remove(el)
			delete(c.items, el.Value.(*entry).key)
			n++
		}
		el = prev
	}
	return n
}
